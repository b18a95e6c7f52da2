/* odan-enum.h — the words of Odan's files for registered enum types
 *
 * Every enum whose values are written to a file, a log or a command line is
 * a registered type (gnome.mkenums_simple in its layer's meson.build), and
 * its values' nicks are the words: ODAN_CATEGORY_BUSINESS_CONTINUITY is
 * "business-continuity". These two functions are the only enum↔string
 * table; a module adds aliases (the Japanese 第一報 for "initial") in its
 * own from_string, on top of them.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The nick of @value in @enum_type, or NULL when @value is none of its values. */
const char *odan_enum_to_nick   (GType       enum_type,
                                 int         value);
/* The value whose nick is @text, compared without regard to ASCII case;
 * FALSE (and @out untouched) when there is none. */
gboolean    odan_enum_from_nick (GType       enum_type,
                                 const char *text,
                                 int        *out);

G_END_DECLS
