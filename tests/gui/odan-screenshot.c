/* odan-screenshot.c — renders an odan window to a PNG (for docs and review)
 *
 *   odan-screenshot [--width W] [--height H] [--dark] [--empty] OUTPUT.png [PACK_DIR]
 *   odan-screenshot --exercise FILE.odan [--steps N] [--sectors|--decisions|--adhoc] OUTPUT.png [PACK_DIR]
 *   odan-screenshot --exercise FILE.odan [--steps N] --team TEAM [--teams|--decision CATEGORY] OUTPUT.png [PACK_DIR]
 *
 * With --exercise, starts a new exercise file from the pack (replacing
 * FILE.odan), steps the clock to the Nth inject (default 2), pauses it and
 * shows the facilitator's console with the next pending inject selected
 * (or, with --sectors, the sector board with the last node not at 100%;
 * with --decisions, the decision feed after two decisions, one of whose
 * mitigations has applied; with --adhoc, only the ad hoc inject dialog,
 * filled in, its effect naming a node the pack does not have).
 * With --team, the first message of TEAM's inbox is marked read and
 * selected, and the picture is TEAM's own window (OdanTeamWindow); with
 * --teams, the console's Teams page showing TEAM instead; with --decision,
 * only the decision dialog of TEAM, on the form of CATEGORY
 * (business-continuity, disclosure, ministry-report, information-sharing).
 *
 *   odan-screenshot --exercise FILE.odan [--steps N] --graph overview|NODE OUTPUT.png [PACK_DIR]
 *
 * With --graph, the console's Graph page: the sector overview, or NODE
 * selected in its neighbourhood.
 *
 *   odan-screenshot --exercise FILE.odan [--steps N] --situation [--situation-all] OUTPUT.png [PACK_DIR]
 *
 * With --situation, the picture is the situation display (Shift+Ctrl+P) at
 * the window's size, as the scenario lets teams see it; with
 * --situation-all, the model and the deliveries' titles shown.
 *   odan-screenshot --exercise FILE.odan [--steps N] --view PAGE OUTPUT.png [PACK_DIR]
 *
 * With --view, the console shows PAGE (msel, sectors, graph, decisions,
 * teams or review) as it stands after the steps. With --decisions, the two
 * decisions are the first mitigation a team owns, by that team, and a note
 * by another team.
 *
 *   odan-screenshot --exercise FILE.odan [--steps N] --review [--review-section SECTION] OUTPUT.png [PACK_DIR]
 *
 * With --review, after the steps one team logs a decision with a
 * mitigation (when the pack has one it may choose), an evaluator notes an
 * observation, the clock jumps 4 h on and the picture is the console's
 * Review page once its measures are computed, scrubbed to the middle of
 * the exercise, showing SECTION (timeline, measures, observations or
 * plan; default timeline).
 *
 *   odan-screenshot --editor PACK [--page PAGE] OUTPUT.png
 *   odan-screenshot --import CSV OUTPUT.png [PACK_DIR]
 *
 * With --editor, the picture is the scenario editor on PACK, showing PAGE
 * (injects, mitigations, pools, teams, nodes, dependencies, sectors or
 * preview; default injects) with its first row selected; with --import,
 * the MSEL import dialog on the pack loaded, CSV read and checked.
 *
 * Builds the real window, loads PACK_DIR (or the built-in scenario, or
 * nothing with --empty), waits
 * for the load and two frames of layout, then renders the window itself
 * through its own renderer: no window manager, pointer or tooltip in the
 * picture. Run it under a display, e.g. `xvfb-run -a`, with the environment
 * of `meson devenv`. Not a test: it checks nothing.
 */
#define G_LOG_DOMAIN "odan-screenshot"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "odan-adhoc-dialog-private.h"
#include "odan-application.h"
#include "odan-decision-dialog-private.h"
#include "odan-exercise-view-private.h"
#include "odan-evaluation.h"
#include "odan-msel-import-dialog.h"
#include "odan-review-page-private.h"
#include "odan-scenario-editor.h"
#include "odan-team-panel-private.h"
#include "odan-teams-page.h"
#include "odan-window-private.h"

static gboolean
count_frame (GtkWidget     *widget,
             GdkFrameClock *frame_clock,
             gpointer       user_data)
{
  guint *frames = user_data;

  (*frames)++;
  return G_SOURCE_CONTINUE;
}

static gboolean
save_window (GtkWidget   *widget,
             const char  *path,
             GError     **error)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GskRenderer *renderer;

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_to_node (snapshot);
  if (node == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "The window drew nothing");
      return FALSE;
    }

  renderer = gtk_native_get_renderer (GTK_NATIVE (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Cannot write %s", path);
      return FALSE;
    }

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(OdanApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  OdanWindow *window;
  int width = 960;
  int height = 720;
  gboolean dark = FALSE;
  gboolean empty = FALSE;
  g_autofree char *exercise_path = NULL;
  int steps = 2;
  gboolean sectors = FALSE;
  gboolean decisions = FALSE;
  gboolean adhoc = FALSE;
  g_autofree char *team = NULL;
  gboolean teams = FALSE;
  g_autofree char *decision_category = NULL;
  g_autofree char *editor_path = NULL;
  g_autofree char *editor_page = NULL;
  g_autofree char *import_path = NULL;
  gboolean review = FALSE;
  gboolean shortcuts = FALSE;
  gboolean situation = FALSE;
  g_autofree char *graph = NULL;
  gboolean situation_all = FALSE;
  g_autofree char *review_section = NULL;
  g_autofree char *view_page = NULL;
  GtkWidget *subject = NULL;
  guint frames = 0;
  const GOptionEntry entries[] = {
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "Window width", "W" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "Window height", "H" },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Use the dark style", NULL },
    { "empty", 0, 0, G_OPTION_ARG_NONE, &empty, "Open no pack", NULL },
    { "exercise", 0, 0, G_OPTION_ARG_FILENAME, &exercise_path, "Start a new exercise in FILE and show the console", "FILE" },
    { "sectors", 0, 0, G_OPTION_ARG_NONE, &sectors, "Show the sector board (with --exercise)", NULL },
    { "decisions", 0, 0, G_OPTION_ARG_NONE, &decisions, "Show the decision feed (with --exercise)", NULL },
    { "adhoc", 0, 0, G_OPTION_ARG_NONE, &adhoc, "Show the ad hoc inject dialog (with --exercise)", NULL },
    { "team", 0, 0, G_OPTION_ARG_STRING, &team, "Show TEAM's own window (with --exercise)", "TEAM" },
    { "teams", 0, 0, G_OPTION_ARG_NONE, &teams, "Show the console's Teams page with TEAM (with --team)", NULL },
    { "decision", 0, 0, G_OPTION_ARG_STRING, &decision_category, "Show TEAM's decision dialog on CATEGORY's form (with --team)", "CATEGORY" },
    { "steps", 0, 0, G_OPTION_ARG_INT, &steps, "Injects to step through before the picture (with --exercise)", "N" },
    { "editor", 0, 0, G_OPTION_ARG_FILENAME, &editor_path, "Show the scenario editor on PACK", "PACK" },
    { "page", 0, 0, G_OPTION_ARG_STRING, &editor_page, "The editor's page (with --editor)", "PAGE" },
    { "import", 0, 0, G_OPTION_ARG_FILENAME, &import_path, "Show the MSEL import dialog on CSV", "CSV" },
    { "review", 0, 0, G_OPTION_ARG_NONE, &review, "Show the console's Review page (with --exercise)", NULL },
    { "shortcuts", 0, 0, G_OPTION_ARG_NONE, &shortcuts, "Show the keyboard shortcuts window", NULL },
    { "view", 0, 0, G_OPTION_ARG_STRING, &view_page, "The console's page: msel, sectors, graph, decisions, teams or review (with --exercise)", "PAGE" },
    { "graph", 0, 0, G_OPTION_ARG_STRING, &graph, "Show the Graph page: overview, or a node selected (with --exercise)", "overview|NODE" },
    { "situation", 0, 0, G_OPTION_ARG_NONE, &situation, "Show the situation display (with --exercise)", NULL },
    { "situation-all", 0, 0, G_OPTION_ARG_NONE, &situation_all, "Show the model and titles on the situation display", NULL },
    { "review-section", 0, 0, G_OPTION_ARG_STRING, &review_section, "The Review page's section: timeline, measures, observations or plan", "SECTION" },
    { NULL }
  };

  odan_application_init_i18n ();

  context = g_option_context_new ("OUTPUT.png [PACK_DIR]");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc < 2 || argc > 3)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "usage: odan-screenshot OUTPUT.png [PACK_DIR]");
      return EXIT_FAILURE;
    }

  if (!gtk_init_check ())
    {
      g_printerr ("odan-screenshot: no display; run it under xvfb-run -a\n");
      return EXIT_FAILURE;
    }

  app = odan_application_new (G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    {
      g_printerr ("odan-screenshot: %s\n", error->message);
      return EXIT_FAILURE;
    }
  /* No transition may be half-way through when the picture is taken. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  if (dark)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);

  window = odan_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  if (argc == 3)
    {
      g_autoptr(GFile) folder = g_file_new_for_commandline_arg (argv[2]);

      odan_window_load (window, folder);
    }
  else if (!empty)
    odan_window_load_builtin (window);
  gtk_window_present (GTK_WINDOW (window));

  while (odan_window_get_loading (window))
    g_main_context_iteration (NULL, TRUE);

  if (exercise_path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (exercise_path);
      OdanExerciseView *view = window->exercise_view;
      OdanExercise *exercise;

      if (odan_window_get_folder (window) == NULL)
        {
          g_printerr ("odan-screenshot: --exercise needs a pack\n");
          return EXIT_FAILURE;
        }
      g_file_delete (file, NULL, NULL);
      if (!odan_window_open_exercise (window, file, odan_window_get_folder (window), &error))
        {
          g_printerr ("odan-screenshot: %s\n", error->message);
          return EXIT_FAILURE;
        }
      exercise = odan_window_get_exercise (window);
      gtk_widget_activate_action (GTK_WIDGET (view), "exercise.toggle-clock", NULL);
      for (int i = 0; i < steps; i++)
        gtk_widget_activate_action (GTK_WIDGET (view), "exercise.step", NULL);
      gtk_widget_activate_action (GTK_WIDGET (view), "exercise.toggle-clock", NULL);

      if (sectors)
        {
          const OdanSim *sim = odan_exercise_get_sim (exercise);

          adw_view_stack_set_visible_child_name (view->view_stack, "sectors");
          /* the last node below 100 %: downstream ones show a cause chain */
          for (guint32 i = odan_exercise_get_pack (exercise)->n_nodes; i-- > 0;)
            if (odan_sim_get_operability (sim, i) < 1.0)
              {
                odan_sector_board_select_node (view->sector_board, i);
                break;
              }
        }

      if (decisions)
        {
          const OdanPack *pack = odan_exercise_get_pack (exercise);
          OdanDecision decision = { 0 };

          gtk_widget_activate_action (GTK_WIDGET (view), "exercise.toggle-clock", NULL);
          /* the first mitigation a team owns, decided by that team */
          decision.team = ODAN_NONE;
          decision.mitigation = ODAN_NONE;
          for (guint32 m = 0; m < pack->n_mitigations && decision.team == ODAN_NONE; m++)
            if (pack->mitigations[m].team != ODAN_NONE)
              {
                decision.team = pack->mitigations[m].team;
                decision.mitigation = m;
              }
          decision.category = ODAN_CATEGORY_BUSINESS_CONTINUITY;
          decision.summary = (char *) (g_str_has_prefix (g_getenv ("LANGUAGE") != NULL ? g_getenv ("LANGUAGE") : "", "ja")
                                       ? "病院へ電源車を派遣する" : "Send a power vehicle to the hospital");
          decision.inject = ODAN_NONE;
          if (decision.team == ODAN_NONE || decision.mitigation == ODAN_NONE
              || odan_exercise_decide (exercise, &decision, NULL, &error) == 0)
            {
              g_printerr ("odan-screenshot: cannot log the decision: %s\n", error != NULL ? error->message : "no mitigation that a team owns");
              return EXIT_FAILURE;
            }
          decision.team = decision.team == 0 ? 1 : 0;
          decision.category = ODAN_CATEGORY_OTHER;
          decision.summary = (char *) (g_str_has_prefix (g_getenv ("LANGUAGE") != NULL ? g_getenv ("LANGUAGE") : "", "ja")
                                       ? "給水車の出動準備" : "Get the water tankers ready");
          decision.mitigation = ODAN_NONE;
          if (decision.team == ODAN_NONE || odan_exercise_decide (exercise, &decision, NULL, &error) == 0)
            {
              g_printerr ("odan-screenshot: cannot log the decision: %s\n", error != NULL ? error->message : "a pack of one team");
              return EXIT_FAILURE;
            }
          gtk_spin_button_set_value (view->jump_spin, 240);
          gtk_widget_activate_action (GTK_WIDGET (view), "exercise.jump", NULL);
          gtk_widget_activate_action (GTK_WIDGET (view), "exercise.toggle-clock", NULL);
          adw_view_stack_set_visible_child_name (view->view_stack, "decisions");
        }

      if (adhoc)
        {
          OdanAdhocDialog *dialog;
          GList *toplevels;

          gtk_widget_activate_action (GTK_WIDGET (view), "exercise.new-inject", NULL);
          toplevels = gtk_window_list_toplevels ();
          for (GList *l = toplevels; l != NULL; l = l->next)
            if (ODAN_IS_ADHOC_DIALOG (l->data))
              subject = l->data;
          g_list_free (toplevels);
          if (subject == NULL)
            {
              g_printerr ("odan-screenshot: the ad hoc inject dialog did not open\n");
              return EXIT_FAILURE;
            }
          dialog = ODAN_ADHOC_DIALOG (subject);
          gtk_switch_set_active (dialog->all_switch, FALSE);
          gtk_check_button_set_active (g_ptr_array_index (dialog->team_checks, 0), TRUE);
          gtk_editable_set_text (GTK_EDITABLE (dialog->title_row),
                                 g_str_has_prefix (g_getenv ("LANGUAGE") != NULL ? g_getenv ("LANGUAGE") : "", "ja")
                                 ? "変電所で火災" : "Fire at a substation");
          gtk_editable_set_text (GTK_EDITABLE (dialog->effect_row), "set power.nowhere 0.5 for 2h");
        }

      if (team != NULL)
        {
          OdanTeamsPage *page = view->teams_page;
          OdanTeamPanel *panel;
          const OdanTeamView *team_view;

          if (!odan_teams_page_select_team (page, team))
            {
              g_printerr ("odan-screenshot: no team %s in the pack\n", team);
              return EXIT_FAILURE;
            }
          panel = odan_teams_page_get_panel (page);
          team_view = odan_team_panel_get_view (panel);
          if (team_view != NULL && odan_team_view_get_n_inbox (team_view) > 0)
            {
              const OdanInboxEntry *first = odan_team_view_get_inbox (team_view, 0);

              odan_exercise_acknowledge (exercise, first->delivery, team, ODAN_ACK_READ, NULL, NULL);
            }
          if (teams)
            adw_view_stack_set_visible_child_name (view->view_stack, "teams");
          else
            {
              OdanTeamWindow *team_window = odan_teams_page_open_window (page);

              if (team_window == NULL)
                {
                  g_printerr ("odan-screenshot: the team window did not open\n");
                  return EXIT_FAILURE;
                }
              gtk_window_set_default_size (GTK_WINDOW (team_window), width, height);
              panel = odan_team_window_get_panel (team_window);
              subject = GTK_WIDGET (team_window);
            }
          /* The oldest message selected: the newest is on top. */
          if (g_list_model_get_n_items (G_LIST_MODEL (panel->selection)) > 0)
            gtk_single_selection_set_selected (panel->selection,
                                               g_list_model_get_n_items (G_LIST_MODEL (panel->selection)) - 1);
          if (decision_category != NULL)
            {
              OdanCategory category;
              GList *toplevels;

              if (!odan_category_from_string (decision_category, &category))
                {
                  g_printerr ("odan-screenshot: unknown category %s\n", decision_category);
                  return EXIT_FAILURE;
                }
              gtk_widget_activate_action (GTK_WIDGET (panel), "team.log-decision", NULL);
              subject = NULL;
              toplevels = gtk_window_list_toplevels ();
              for (GList *l = toplevels; l != NULL; l = l->next)
                if (ODAN_IS_DECISION_DIALOG (l->data))
                  subject = l->data;
              g_list_free (toplevels);
              if (subject == NULL)
                {
                  g_printerr ("odan-screenshot: the decision dialog did not open\n");
                  return EXIT_FAILURE;
                }
              odan_decision_dialog_set_category (ODAN_DECISION_DIALOG (subject), category);
              if (category == ODAN_CATEGORY_INFORMATION_SHARING
                  && ODAN_DECISION_DIALOG (subject)->recipient_checks->len > 0)
                gtk_check_button_set_active (g_ptr_array_index (ODAN_DECISION_DIALOG (subject)->recipient_checks, 0), TRUE);
            }
        }

      if (review)
        {
          const OdanPack *pack = odan_exercise_get_pack (exercise);
          gboolean ja = g_str_has_prefix (g_getenv ("LANGUAGE") != NULL ? g_getenv ("LANGUAGE") : "", "ja");
          OdanObservation observation = { 0 };
          OdanReviewPage *page = view->review_page;

          /* A mitigation some team may choose, chosen by that team. */
          gtk_widget_activate_action (GTK_WIDGET (view), "exercise.toggle-clock", NULL);
          for (guint32 m = 0; m < pack->n_mitigations; m++)
            {
              OdanDecision decision = { 0 };

              decision.team = pack->mitigations[m].team != ODAN_NONE ? pack->mitigations[m].team : 0;
              decision.category = ODAN_CATEGORY_BUSINESS_CONTINUITY;
              decision.summary = (char *) (ja ? "応急復旧の措置を取る" : "Take the stopgap measure");
              decision.mitigation = m;
              decision.inject = ODAN_NONE;
              if (odan_exercise_decide (exercise, &decision, NULL, NULL) > 0)
                break;
            }
          observation.text = ja ? "第一報は期限内だったが、会員への転送が遅れた" : "The initial report was on time; the forward to the members was late";
          observation.objective = ja ? "情報共有" : "Information sharing";
          observation.capability = ja ? "情報共有" : "Intelligence and Information Sharing";
          observation.rating = ODAN_RATING_S;
          observation.finding = ODAN_FINDING_AREA;
          odan_evaluation_observe (exercise, &observation, NULL);
          gtk_spin_button_set_value (view->jump_spin, 240);
          gtk_widget_activate_action (GTK_WIDGET (view), "exercise.jump", NULL);
          gtk_widget_activate_action (GTK_WIDGET (view), "exercise.toggle-clock", NULL);

          adw_view_stack_set_visible_child_name (view->view_stack, "review");
          if (review_section != NULL)
            gtk_stack_set_visible_child_name (page->section_stack, review_section);
          /* The page computes when shown: wait for it. */
          while (!gtk_widget_get_mapped (GTK_WIDGET (page)) || odan_review_page_get_busy (page))
            g_main_context_iteration (NULL, TRUE);
          odan_review_page_set_time (page, odan_exercise_get_minute (exercise) / 2);
        }

      if (view_page != NULL)
        adw_view_stack_set_visible_child_name (view->view_stack, view_page);
      if (graph != NULL)
        {
          guint32 node = odan_pack_find_node (odan_exercise_get_pack (exercise), graph);

          adw_view_stack_set_visible_child_name (view->view_stack, "graph");
          if (node != ODAN_NONE)
            {
              /* laid out once the page has its size */
              while (!gtk_widget_get_mapped (GTK_WIDGET (view->graph_view)))
                g_main_context_iteration (NULL, TRUE);
              odan_graph_view_select_node (view->graph_view, node);
            }
          else if (!g_str_equal (graph, "overview"))
            {
              g_printerr ("odan-screenshot: no node %s\n", graph);
              return EXIT_FAILURE;
            }
        }

      if (situation)
        {
          gtk_widget_activate_action (GTK_WIDGET (view), "exercise.show-situation", NULL);
          if (view->situation == NULL)
            {
              g_printerr ("odan-screenshot: the situation display did not open\n");
              return EXIT_FAILURE;
            }
          gtk_window_set_default_size (GTK_WINDOW (view->situation), width, height);
          if (situation_all)
            g_object_set (view->situation, "show-model", TRUE, "show-titles", TRUE, NULL);
          subject = GTK_WIDGET (view->situation);
        }

      /* The next inject the facilitator would send. */
      for (guint32 i = 0; i < odan_exercise_get_pack (exercise)->n_injects; i++)
        if (isfinite (odan_exercise_get_inject_due (exercise, i)))
          {
            _odan_exercise_view_select_inject (view, i);
            break;
          }
    }

  if (editor_path != NULL)
    {
      OdanScenarioEditor *editor = odan_scenario_editor_new (GTK_APPLICATION (app), editor_path, &error);

      if (editor == NULL)
        {
          g_printerr ("odan-screenshot: %s\n", error->message);
          return EXIT_FAILURE;
        }
      gtk_window_set_default_size (GTK_WINDOW (editor), width, height);
      odan_scenario_editor_show_page (editor, editor_page != NULL ? editor_page : "injects");
      gtk_window_present (GTK_WINDOW (editor));
      subject = GTK_WIDGET (editor);
    }

  if (import_path != NULL)
    {
      g_autoptr(GFile) csv = g_file_new_for_commandline_arg (import_path);
      g_autofree char *pack_path = NULL;
      OdanMselImportDialog *dialog;

      if (odan_window_get_folder (window) == NULL)
        {
          g_printerr ("odan-screenshot: --import needs a pack\n");
          return EXIT_FAILURE;
        }
      pack_path = g_file_get_path (odan_window_get_folder (window));
      dialog = odan_msel_import_dialog_new (GTK_WINDOW (window), pack_path);
      gtk_window_set_default_size (GTK_WINDOW (dialog), MIN (width, 760), height);
      if (!odan_msel_import_dialog_open_file (dialog, csv, &error))
        {
          g_printerr ("odan-screenshot: %s\n", error->message);
          return EXIT_FAILURE;
        }
      gtk_window_present (GTK_WINDOW (dialog));
      subject = GTK_WIDGET (dialog);
    }

  if (shortcuts)
    {
      GtkShortcutsWindow *help = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
      if (help == NULL)
        {
          g_printerr ("odan-screenshot: the window has no shortcuts window\n");
          return EXIT_FAILURE;
        }
      g_object_ref (help);   /* destroyed below like the other subjects */
      gtk_window_present (GTK_WINDOW (help));
      subject = GTK_WIDGET (help);
    }

  /* Two frames: the first lays the new page out, the second draws it. */
  if (subject == NULL)
    subject = GTK_WIDGET (window);
  gtk_widget_add_tick_callback (subject, count_frame, &frames, NULL);
  while (frames < 2)
    g_main_context_iteration (NULL, TRUE);

  /* A window still in a transition (a page fading in) may give no render
   * node for a few frames more: wait for one, up to about two seconds. */
  for (guint more = 0; !save_window (subject, argv[1], &error) && more < 120; more++)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        break;
      g_clear_error (&error);
      for (guint seen = frames; frames == seen;)
        g_main_context_iteration (NULL, TRUE);
    }
  if (error != NULL)
    {
      g_printerr ("odan-screenshot: %s\n", error->message);
      return EXIT_FAILURE;
    }

  if (subject != GTK_WIDGET (window))
    gtk_window_destroy (GTK_WINDOW (subject));
  gtk_window_destroy (GTK_WINDOW (window));
  return EXIT_SUCCESS;
}
