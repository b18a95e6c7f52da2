/* odan-test-packs.h — comparing packs field by field in tests */
#pragma once

#include "odan-pack.h"

G_BEGIN_DECLS

/* Asserts that @a and @b have the same injects: every field as loaded
 * (not the effects parsed from effect_text), and the same extra columns
 * with the same values. */
void odan_test_assert_injects_equal (const OdanPack *a,
                                     const OdanPack *b);

G_END_DECLS
