/* odan-observation-dialog.c — an evaluator notes an observation, HSEEP style
 *
 * The fields of an Exercise Evaluation Guide's observation: the exercise
 * objective and the core capability it bears on, the rating (P, S, M or
 * U), whether it is a strength or an area for improvement, the team it is
 * about and the text. All but the text are optional: a plain note is an
 * observation too. Logging goes through odan_evaluation_observe(), so the
 * observation is an event of the log like any other, also after the end.
 */
#define G_LOG_DOMAIN "odan-gui"

#include <glib/gi18n.h>

#include "odan-evaluation.h"
#include "odan-observation-dialog-private.h"

G_DEFINE_FINAL_TYPE (OdanObservationDialog, odan_observation_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_ADD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
dup_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  char *text;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return g_strstrip (text);
}

static char *
dup_entry (AdwEntryRow *row)
{
  char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  return g_strstrip (text);
}

gboolean
odan_observation_dialog_is_valid (OdanObservationDialog *self)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (ODAN_IS_OBSERVATION_DIALOG (self), FALSE);

  text = dup_text (self->text_view);
  return text[0] != '\0';
}

static void
odan_observation_dialog_validate (OdanObservationDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "observation.add",
                                 odan_observation_dialog_is_valid (self));
}

gint64
odan_observation_dialog_add (OdanObservationDialog  *self,
                             GError                **error)
{
  g_autofree char *text = NULL;
  g_autofree char *objective = NULL;
  g_autofree char *capability = NULL;
  const OdanPack *pack;
  OdanObservation observation = { 0 };
  guint team;

  g_return_val_if_fail (ODAN_IS_OBSERVATION_DIALOG (self), 0);

  if (!odan_observation_dialog_is_valid (self))
    {
      g_set_error_literal (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_INVALID,
                           _("The observation needs a text"));
      return 0;
    }

  pack = odan_exercise_get_pack (self->exercise);
  text = dup_text (self->text_view);
  objective = dup_entry (self->objective_row);
  capability = dup_entry (self->capability_row);
  team = adw_combo_row_get_selected (self->team_row);

  observation.text = text;
  observation.objective = objective[0] != '\0' ? objective : NULL;
  observation.capability = capability[0] != '\0' ? capability : NULL;
  observation.rating = MIN (adw_combo_row_get_selected (self->rating_row), ODAN_RATING_U);
  observation.finding = MIN (adw_combo_row_get_selected (self->finding_row), ODAN_FINDING_AREA);
  observation.team = team >= 1 && team <= pack->n_teams ? pack->teams[team - 1].id : NULL;

  return odan_evaluation_observe (self->exercise, &observation, error);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  OdanObservationDialog *self = ODAN_OBSERVATION_DIALOG (widget);

  if (odan_observation_dialog_is_valid (self))
    g_signal_emit (self, signals[SIGNAL_ADD], 0);
}

OdanObservationDialog *
odan_observation_dialog_new (GtkWindow    *parent,
                             OdanExercise *exercise)
{
  OdanObservationDialog *self;
  g_autoptr(GtkStringList) teams = NULL;
  const OdanPack *pack;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ODAN_IS_EXERCISE (exercise), NULL);

  self = g_object_new (ODAN_TYPE_OBSERVATION_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->exercise = g_object_ref (exercise);
  pack = odan_exercise_get_pack (exercise);

  teams = gtk_string_list_new (NULL);
  /* Translators: the team an observation is about: none in particular */
  gtk_string_list_append (teams, _("No particular team"));
  for (guint32 i = 0; i < pack->n_teams; i++)
    gtk_string_list_append (teams, odan_pack_localized (pack->teams[i].name, pack->teams[i].name_ja));
  adw_combo_row_set_model (self->team_row, G_LIST_MODEL (teams));

  odan_observation_dialog_validate (self);
  return self;
}

/* GObject ----------------------------------------------------------------- */

static void
odan_observation_dialog_dispose (GObject *object)
{
  OdanObservationDialog *self = ODAN_OBSERVATION_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ODAN_TYPE_OBSERVATION_DIALOG);
  g_clear_object (&self->exercise);

  G_OBJECT_CLASS (odan_observation_dialog_parent_class)->dispose (object);
}

static void
odan_observation_dialog_class_init (OdanObservationDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = odan_observation_dialog_dispose;

  /**
   * OdanObservationDialog::add:
   *
   * The evaluator asked to log a valid observation.
   */
  signals[SIGNAL_ADD] =
    g_signal_new ("add", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/jp/odan/Odan/odan-observation-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, OdanObservationDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, OdanObservationDialog, objective_row);
  gtk_widget_class_bind_template_child (widget_class, OdanObservationDialog, capability_row);
  gtk_widget_class_bind_template_child (widget_class, OdanObservationDialog, rating_row);
  gtk_widget_class_bind_template_child (widget_class, OdanObservationDialog, finding_row);
  gtk_widget_class_bind_template_child (widget_class, OdanObservationDialog, team_row);
  gtk_widget_class_bind_template_child (widget_class, OdanObservationDialog, text_view);

  gtk_widget_class_install_action (widget_class, "observation.add", NULL, add_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "observation.add", NULL);
}

static void
odan_observation_dialog_init (OdanObservationDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (gtk_text_view_get_buffer (self->text_view), "changed",
                           G_CALLBACK (odan_observation_dialog_validate), self, G_CONNECT_SWAPPED);
}
