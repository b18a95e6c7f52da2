/* ui-test.c — what the UI test programs share */
#include <gtk/gtk.h>

#include "ui-test.h"
#include "odan-team-window.h"
#include "odan-test-files.h"

OdanApplication *
ui_test_init (int    *argc,
              char ***argv)
{
  g_autoptr(GError) error = NULL;
  OdanApplication *app;

  g_test_init (argc, argv, NULL);
  if (!gtk_init_check ())
    return NULL;

  odan_application_init_i18n ();
  app = odan_application_new (G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  /* GtkText's blink timer warns "did not receive a focus-out event" when it
   * fires after its window lost the focus unannounced, as under Xvfb with no
   * window manager and a loaded machine: no blinking, no timer. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);
  return app;
}

gboolean
ui_test_expect_japanese (void)
{
  return g_getenv ("ODAN_TEST_EXPECT_JAPANESE") != NULL;
}

void
ui_test_drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

int
ui_test_run (OdanApplication **app)
{
  int status = g_test_run ();

  g_clear_object (app);
  return status;
}

void
ui_test_window_destroy (OdanWindow *window)
{
  OdanExercise *exercise = odan_window_get_exercise (window);
  GList *toplevels;

  if (exercise != NULL)
    g_object_add_weak_pointer (G_OBJECT (exercise), (gpointer *) &exercise);
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  ui_test_drain ();
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    g_assert_false (ODAN_IS_TEAM_WINDOW (l->data));
  g_list_free (toplevels);
  g_assert_null (exercise);
}

void
ui_test_fixture_setup (UiTestFixture *fixture,
                       const char    *tmpl,
                       const char    *name)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp (tmpl, &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, name, NULL);
  fixture->wall = g_get_real_time ();
}

void
ui_test_fixture_teardown (UiTestFixture *fixture,
                          gconstpointer  data)
{
  g_assert_true (odan_test_remove_tree (fixture->dir));
  g_free (fixture->path);
  g_free (fixture->dir);
}

gint64
ui_test_fixture_wall_time (gpointer fixture)
{
  return ((UiTestFixture *) fixture)->wall;
}
