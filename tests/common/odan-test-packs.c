/* odan-test-packs.c — comparing packs field by field in tests */
#include "odan-test-packs.h"

void
odan_test_assert_injects_equal (const OdanPack *a,
                                const OdanPack *b)
{
  g_assert_cmpuint (a->n_injects, ==, b->n_injects);
  for (guint i = 0; i < a->n_injects; i++)
    {
      const OdanInject *x = &a->injects[i], *y = &b->injects[i];

      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_cmpfloat (x->time, ==, y->time);
      g_assert_cmpstr (x->time_text, ==, y->time_text);
      g_assert_cmpint (x->to_all, ==, y->to_all);
      g_assert_cmpuint (x->n_to, ==, y->n_to);
      for (guint k = 0; k < x->n_to; k++)
        g_assert_cmpuint (x->to[k], ==, y->to[k]);
      g_assert_cmpstr (x->title, ==, y->title);
      g_assert_cmpstr (x->title_ja, ==, y->title_ja);
      g_assert_cmpstr (x->from, ==, y->from);
      g_assert_cmpstr (x->channel, ==, y->channel);
      g_assert_cmpstr (x->body, ==, y->body);
      g_assert_cmpstr (x->expected_action, ==, y->expected_action);
      g_assert_cmpstr (x->objective, ==, y->objective);
      g_assert_cmpstr (x->effect_text, ==, y->effect_text);
      g_assert_cmpstr (x->sharing, ==, y->sharing);
      g_assert_cmpstr (x->event_type, ==, y->event_type);
      g_assert_cmpstr (x->controller, ==, y->controller);
      g_assert_cmpstr (x->evaluator_instructions, ==, y->evaluator_instructions);
    }
  g_assert_cmpuint (a->inject_extra.n_columns, ==, b->inject_extra.n_columns);
  for (guint e = 0; e < a->inject_extra.n_columns; e++)
    {
      g_assert_cmpstr (a->inject_extra.names[e], ==, b->inject_extra.names[e]);
      for (guint i = 0; i < a->n_injects; i++)
        g_assert_cmpstr (a->injects[i].extra[e], ==, b->injects[i].extra[e]);
    }
}
