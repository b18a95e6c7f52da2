/* odan-exercise-view-actions.c — exercise.* actions of the facilitator's console
 *
 *   exercise.toggle-clock  start, pause or resume the clock    Space (odan-window-actions.c)
 *   exercise.step          jump to the next inject, deliver it  Ctrl+Right
 *   exercise.jump          jump forward by the popover's minutes
 *   exercise.show-jump     open the jump popover                Ctrl+J
 *   exercise.deliver       deliver the selected inject now      Ctrl+Return
 *   exercise.skip          skip the selected inject             Ctrl+Delete
 *   exercise.delay         delay the selected inject by the spin's minutes  Shift+Ctrl+Right
 *   exercise.search        focus the MSEL search                Ctrl+F
 *   exercise.new-inject    write an ad hoc inject (OdanAdhocDialog) Ctrl+I
 *   exercise.end           end the exercise, after asking
 *   exercise.log-decision  log a decision for the team chosen on the Teams page  Ctrl+L
 *   exercise.accept-proposal(x)  apply the mitigation a team proposed from its office
 *   exercise.open-team-window  the chosen team's own window (OdanTeamWindow)    Shift+Ctrl+T
 *   exercise.invite-team       the chosen team's invitation to its browser page (link, QR)
 *   exercise.add-observation   an evaluator's observation (OdanObservationDialog) Shift+Ctrl+O
 *   exercise.export-report     the after-action report, HTML/PDF/CSV               Shift+Ctrl+E
 *   exercise.show-situation    the situation display for the room (OdanSituationWindow)  Shift+Ctrl+P
 *
 * Each goes through OdanExercise, which logs it to the file before it
 * changes anything; a refusal (an inject already delivered, a clock that
 * cannot do that now) is shown as a toast with the engine's reason.
 */
#define G_LOG_DOMAIN "odan-gui"

#include <glib/gi18n.h>
#include <math.h>

#include "odan-adhoc-dialog.h"
#include "odan-exercise-view-private.h"

static gboolean
odan_exercise_view_is_writable (OdanExerciseView *self)
{
  return self->exercise != NULL
         && !odan_exercise_is_read_only (self->exercise)
         && !odan_exercise_has_ended (self->exercise)
         && (odan_role_get_access (self->role, odan_exercise_get_pack (self->exercise)) & ODAN_ACCESS_CONTROL);
}

static void
toggle_clock (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  OdanExerciseView *self = ODAN_EXERCISE_VIEW (widget);
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!odan_exercise_view_is_writable (self))
    return;

  if (!odan_exercise_has_started (self->exercise))
    id = odan_exercise_start (self->exercise, ODAN_CLOCK_REALTIME,
                              _odan_exercise_view_get_speed (self), &error);
  else if (odan_clock_get_running (odan_exercise_get_clock (self->exercise)))
    id = odan_exercise_pause (self->exercise, &error);
  else
    id = odan_exercise_resume (self->exercise, FALSE, &error);

  if (id == 0)
    _odan_exercise_view_show_error (self, error);
}

static void
step (GtkWidget  *widget,
      const char *action_name,
      GVariant   *parameter)
{
  OdanExerciseView *self = ODAN_EXERCISE_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (odan_exercise_view_is_writable (self) && odan_exercise_step (self->exercise, &error) == 0)
    _odan_exercise_view_show_error (self, error);
}

static void
jump (GtkWidget  *widget,
      const char *action_name,
      GVariant   *parameter)
{
  OdanExerciseView *self = ODAN_EXERCISE_VIEW (widget);
  g_autoptr(GError) error = NULL;
  double minutes = gtk_spin_button_get_value (self->jump_spin);

  gtk_menu_button_popdown (self->jump_button);

  if (odan_exercise_view_is_writable (self)
      && odan_exercise_jump (self->exercise, odan_exercise_get_minute (self->exercise) + minutes, &error) == 0)
    _odan_exercise_view_show_error (self, error);
}

static void
show_jump (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  OdanExerciseView *self = ODAN_EXERCISE_VIEW (widget);

  gtk_menu_button_popup (self->jump_button);
}

/* Deliver now and skip: the same request on the selected inject. */
static void
act_on_selected (GtkWidget *widget,
                 gint64   (*request) (OdanExercise *, guint32, const char *, GError **))
{
  OdanExerciseView *self = ODAN_EXERCISE_VIEW (widget);
  OdanInjectItem *item = _odan_exercise_view_get_selected (self);
  g_autoptr(GError) error = NULL;

  if (item == NULL || !odan_exercise_view_is_writable (self))
    return;

  if (request (self->exercise, odan_inject_item_get_index (item), NULL, &error) == 0)
    _odan_exercise_view_show_error (self, error);
}

static void
deliver (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  act_on_selected (widget, odan_exercise_deliver);
}

static void
skip (GtkWidget  *widget,
      const char *action_name,
      GVariant   *parameter)
{
  act_on_selected (widget, odan_exercise_skip);
}

static void
delay (GtkWidget  *widget,
       const char *action_name,
       GVariant   *parameter)
{
  OdanExerciseView *self = ODAN_EXERCISE_VIEW (widget);
  OdanInjectItem *item = _odan_exercise_view_get_selected (self);
  g_autoptr(GError) error = NULL;
  guint32 index;
  double due;

  if (item == NULL || !odan_exercise_view_is_writable (self))
    return;

  /* Later than it would have gone out, and never in the past. */
  index = odan_inject_item_get_index (item);
  due = MAX (odan_exercise_get_inject_due (self->exercise, index),
             odan_exercise_get_minute (self->exercise));
  if (odan_exercise_reschedule (self->exercise, index,
                                due + gtk_spin_button_get_value (self->delay_spin), &error) == 0)
    _odan_exercise_view_show_error (self, error);
}

static void
on_end_response (AdwMessageDialog *dialog,
                 const char       *response,
                 gpointer          user_data)
{
  OdanExerciseView *self = ODAN_EXERCISE_VIEW (user_data);
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "end") != 0 || !odan_exercise_view_is_writable (self))
    return;

  if (odan_exercise_end (self->exercise, &error) == 0)
    _odan_exercise_view_show_error (self, error);
}

static void
end (GtkWidget  *widget,
     const char *action_name,
     GVariant   *parameter)
{
  OdanExerciseView *self = ODAN_EXERCISE_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (!odan_exercise_view_is_writable (self))
    return;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("End the Exercise?"),
                                   _("The clock stops for good and no more injects go out. "
                                     "The file keeps everything that happened."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "end", _("_End Exercise"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "end", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  /* The dialog does not keep the view alive: a closed window takes both. */
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_end_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
search (GtkWidget  *widget,
        const char *action_name,
        GVariant   *parameter)
{
  OdanExerciseView *self = ODAN_EXERCISE_VIEW (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
on_adhoc_send (OdanAdhocDialog  *dialog,
               OdanExerciseView *self)
{
  g_autoptr(GError) error = NULL;

  /* The engine refuses it, with its reason, once the exercise has ended. */
  if (odan_adhoc_dialog_send (dialog, &error) == 0)
    {
      _odan_exercise_view_show_error (self, error);
      return;
    }

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
new_inject (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  OdanExerciseView *self = ODAN_EXERCISE_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  OdanAdhocDialog *dialog;

  if (!odan_exercise_view_is_writable (self))
    return;

  dialog = odan_adhoc_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->exercise);
  /* As with the end dialog: the view does not outlive its window for it. */
  g_signal_connect_object (dialog, "send", G_CALLBACK (on_adhoc_send), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
log_decision (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  OdanExerciseView *self = ODAN_EXERCISE_VIEW (widget);

  if (!odan_exercise_view_is_writable (self) || !odan_exercise_has_started (self->exercise))
    return;

  /* The decision is the chosen team's: show which one it is for. */
  adw_view_stack_set_visible_child_name (self->view_stack, "teams");
  gtk_widget_activate_action (GTK_WIDGET (odan_teams_page_get_panel (self->teams_page)), "team.log-decision", NULL);
}

/* A mitigation a team proposed from its own office (multi-site) applies
 * once the facilitator accepts it. */
static void
accept_proposal (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  OdanExerciseView *self = ODAN_EXERCISE_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (!odan_exercise_view_is_writable (self))
    return;
  if (odan_exercise_accept_proposal (self->exercise, g_variant_get_int64 (parameter), &error) == 0)
    _odan_exercise_view_show_error (self, error);
}

static void
open_team_window (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  OdanExerciseView *self = ODAN_EXERCISE_VIEW (widget);

  if (self->exercise != NULL)
    odan_teams_page_open_window (self->teams_page);
}

void
_odan_exercise_view_close_situation (OdanExerciseView *self)
{
  g_return_if_fail (ODAN_IS_EXERCISE_VIEW (self));

  if (self->situation != NULL)
    {
      GtkWindow *window = GTK_WINDOW (self->situation);

      g_object_remove_weak_pointer (G_OBJECT (window), (gpointer *) &self->situation);
      self->situation = NULL;
      gtk_window_destroy (window);
    }
}

/* One display per console, on the console's exercise: it reads the live
 * model the console's clock moves. */
static void
show_situation (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  OdanExerciseView *self = ODAN_EXERCISE_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkApplication *application = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;

  if (self->exercise == NULL || application == NULL)
    return;
  if (self->situation == NULL)
    {
      self->situation = odan_situation_window_new (application, self->exercise, FALSE);
      g_object_add_weak_pointer (G_OBJECT (self->situation), (gpointer *) &self->situation);
    }
  gtk_window_present (GTK_WINDOW (self->situation));
}

static void
invite_team (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  OdanExerciseView *self = ODAN_EXERCISE_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (self->exercise != NULL && !odan_teams_page_invite (self->teams_page, &error))
    _odan_exercise_view_show_error (self, error);
}

static void
add_observation (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  OdanExerciseView *self = ODAN_EXERCISE_VIEW (widget);

  /* Observations may be logged after the end too, not to a read-only file. */
  if (self->exercise == NULL || odan_exercise_is_read_only (self->exercise))
    return;

  adw_view_stack_set_visible_child_name (self->view_stack, "review");
  odan_review_page_add_observation (self->review_page);
}

static void
export_report (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  OdanExerciseView *self = ODAN_EXERCISE_VIEW (widget);

  if (self->exercise == NULL)
    return;

  adw_view_stack_set_visible_child_name (self->view_stack, "review");
  odan_review_page_export (self->review_page);
}

void
_odan_exercise_view_actions_update (OdanExerciseView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean writable = odan_exercise_view_is_writable (self);
  gboolean started = writable && odan_exercise_has_started (self->exercise);
  OdanInjectItem *item = _odan_exercise_view_get_selected (self);
  gboolean pending = FALSE;

  if (writable && item != NULL)
    {
      OdanInjectStatus status = odan_inject_item_get_status (item);

      pending = status != ODAN_INJECT_STATUS_DELIVERED && status != ODAN_INJECT_STATUS_SKIPPED;
    }

  gtk_widget_action_set_enabled (widget, "exercise.toggle-clock", writable);
  gtk_widget_action_set_enabled (widget, "exercise.step",
                                 started && isfinite (odan_exercise_get_next_due (self->exercise)));
  gtk_widget_action_set_enabled (widget, "exercise.jump", started);
  gtk_widget_action_set_enabled (widget, "exercise.show-jump", started);
  gtk_widget_action_set_enabled (widget, "exercise.end", started);
  gtk_widget_action_set_enabled (widget, "exercise.new-inject", started);
  gtk_widget_action_set_enabled (widget, "exercise.deliver", started && pending);
  gtk_widget_action_set_enabled (widget, "exercise.skip", started && pending);
  gtk_widget_action_set_enabled (widget, "exercise.delay", started && pending);
  gtk_widget_action_set_enabled (widget, "exercise.log-decision", started && self->role == ODAN_ROLE_FACILITATOR);
  gtk_widget_action_set_enabled (widget, "exercise.accept-proposal", odan_exercise_view_is_writable (self));
  gtk_widget_action_set_enabled (widget, "exercise.open-team-window", self->exercise != NULL);
  gtk_widget_action_set_enabled (widget, "exercise.show-situation", self->exercise != NULL);
  gtk_widget_action_set_enabled (widget, "exercise.invite-team", self->exercise != NULL && self->role == ODAN_ROLE_FACILITATOR);
  gtk_widget_action_set_enabled (widget, "exercise.add-observation",
                                 self->exercise != NULL && !odan_exercise_is_read_only (self->exercise));
  gtk_widget_action_set_enabled (widget, "exercise.export-report", self->exercise != NULL);
}

void
_odan_exercise_view_class_actions_init (OdanExerciseViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "exercise.toggle-clock", NULL, toggle_clock);
  gtk_widget_class_install_action (widget_class, "exercise.step", NULL, step);
  gtk_widget_class_install_action (widget_class, "exercise.jump", NULL, jump);
  gtk_widget_class_install_action (widget_class, "exercise.show-jump", NULL, show_jump);
  gtk_widget_class_install_action (widget_class, "exercise.deliver", NULL, deliver);
  gtk_widget_class_install_action (widget_class, "exercise.skip", NULL, skip);
  gtk_widget_class_install_action (widget_class, "exercise.delay", NULL, delay);
  gtk_widget_class_install_action (widget_class, "exercise.search", NULL, search);
  gtk_widget_class_install_action (widget_class, "exercise.end", NULL, end);
  gtk_widget_class_install_action (widget_class, "exercise.new-inject", NULL, new_inject);
  gtk_widget_class_install_action (widget_class, "exercise.log-decision", NULL, log_decision);
  gtk_widget_class_install_action (widget_class, "exercise.accept-proposal", "x", accept_proposal);
  gtk_widget_class_install_action (widget_class, "exercise.open-team-window", NULL, open_team_window);
  gtk_widget_class_install_action (widget_class, "exercise.invite-team", NULL, invite_team);
  gtk_widget_class_install_action (widget_class, "exercise.add-observation", NULL, add_observation);
  gtk_widget_class_install_action (widget_class, "exercise.show-situation", NULL, show_situation);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_P, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "exercise.show-situation", NULL);
  gtk_widget_class_install_action (widget_class, "exercise.export-report", NULL, export_report);
  /* On the view itself: the window's keys (odan-window-actions.c) serve the
   * facilitator's actions; these are the evaluator's. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_O, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "exercise.add-observation", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_E, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "exercise.export-report", NULL);
}
