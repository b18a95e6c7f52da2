/* odan-adhoc-dialog.c — the facilitator writes an inject during the exercise
 *
 * A modal window (composite template ui/odan-adhoc-dialog.ui): title,
 * recipients (all teams, or a check row per team of the pack, by localized
 * name), channel, from, the message and an optional effect in the effect
 * syntax. The form is checked as it is typed: the effect is parsed and
 * resolved against the exercise's pack (odan_effects_parse(),
 * odan_effects_resolve()), its problem shown under the field, and the
 * adhoc.send action stays disabled while anything is missing or wrong.
 *
 * The dialog does not deliver by itself when Send is pressed: it emits
 * "send", and the console calls odan_adhoc_dialog_send() so a refusal is
 * shown the way the console shows every other one.
 */
#define G_LOG_DOMAIN "odan-gui"

#include <glib/gi18n.h>

#include "odan-adhoc-dialog-private.h"
#include "odan-effect.h"

G_DEFINE_FINAL_TYPE (OdanAdhocDialog, odan_adhoc_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_SEND,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
odan_adhoc_dialog_dup_text (AdwEntryRow *row)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  g_strstrip (text);
  return text[0] != '\0' ? g_steal_pointer (&text) : NULL;
}

static gboolean
odan_adhoc_dialog_has_recipients (OdanAdhocDialog *self)
{
  if (gtk_switch_get_active (self->all_switch))
    return TRUE;

  for (guint i = 0; i < self->team_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->team_checks, i)))
      return TRUE;

  return FALSE;
}

/* Checks the effect against the pack; the message, or NULL when it fits. */
static char *
odan_adhoc_dialog_check_effect (OdanAdhocDialog *self)
{
  g_autofree char *text = odan_adhoc_dialog_dup_text (self->effect_row);
  g_autoptr(GArray) effects = NULL;
  g_autoptr(GError) error = NULL;
  guint n_empty = 0;

  if (text == NULL || self->exercise == NULL)
    return NULL;

  effects = odan_effects_parse (text, &error);
  if (effects == NULL)
    return g_strdup (error->message);
  if (!odan_effects_resolve (effects, odan_exercise_get_pack (self->exercise), &n_empty, &error))
    return g_strdup (error->message);
  if (n_empty > 0)
    return g_strdup (_("A selector of the effect matches no node of the scenario"));

  return NULL;
}

static void
odan_adhoc_dialog_validate (OdanAdhocDialog *self)
{
  gboolean all = gtk_switch_get_active (self->all_switch);

  g_free (self->effect_message);
  self->effect_message = odan_adhoc_dialog_check_effect (self);

  gtk_label_set_label (self->effect_error, self->effect_message != NULL ? self->effect_message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->effect_error), self->effect_message != NULL);
  if (self->effect_message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->effect_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->effect_row), "error");

  for (guint i = 0; i < self->team_checks->len; i++)
    gtk_widget_set_sensitive (gtk_widget_get_ancestor (g_ptr_array_index (self->team_checks, i), ADW_TYPE_ACTION_ROW), !all);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "adhoc.send", odan_adhoc_dialog_is_valid (self));
}

static void
odan_adhoc_dialog_build_teams (OdanAdhocDialog *self)
{
  const OdanPack *pack = odan_exercise_get_pack (self->exercise);

  for (guint32 i = 0; i < pack->n_teams; i++)
    {
      const OdanTeam *team = &pack->teams[i];
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), odan_pack_localized (team->name, team->name_ja));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_signal_connect_object (check, "toggled", G_CALLBACK (odan_adhoc_dialog_validate), self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->teams_group, row);
      g_ptr_array_add (self->team_checks, check);
    }
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  OdanAdhocDialog *self = ODAN_ADHOC_DIALOG (widget);

  if (odan_adhoc_dialog_is_valid (self))
    g_signal_emit (self, signals[SIGNAL_SEND], 0);
}

/* Public API ----------------------------------------------------------------- */

OdanAdhocDialog *
odan_adhoc_dialog_new (GtkWindow    *parent,
                       OdanExercise *exercise)
{
  OdanAdhocDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ODAN_IS_EXERCISE (exercise), NULL);

  self = g_object_new (ODAN_TYPE_ADHOC_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->exercise = g_object_ref (exercise);
  odan_adhoc_dialog_build_teams (self);
  odan_adhoc_dialog_validate (self);

  return self;
}

gboolean
odan_adhoc_dialog_is_valid (OdanAdhocDialog *self)
{
  g_autofree char *title = NULL;

  g_return_val_if_fail (ODAN_IS_ADHOC_DIALOG (self), FALSE);

  title = odan_adhoc_dialog_dup_text (self->title_row);
  return self->exercise != NULL
         && title != NULL
         && self->effect_message == NULL
         && odan_adhoc_dialog_has_recipients (self);
}

const char *
odan_adhoc_dialog_get_effect_error (OdanAdhocDialog *self)
{
  g_return_val_if_fail (ODAN_IS_ADHOC_DIALOG (self), NULL);

  return self->effect_message;
}

gint64
odan_adhoc_dialog_send (OdanAdhocDialog  *self,
                        GError          **error)
{
  g_autofree char *title = NULL;
  g_autofree char *channel = NULL;
  g_autofree char *from = NULL;
  g_autofree char *effect = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GPtrArray) to = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  OdanAdhocInject inject = { 0 };
  const OdanPack *pack;

  g_return_val_if_fail (ODAN_IS_ADHOC_DIALOG (self), 0);

  if (!odan_adhoc_dialog_is_valid (self))
    {
      g_set_error_literal (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_INVALID,
                           _("The inject needs a title, at least one recipient and a valid effect"));
      return 0;
    }

  pack = odan_exercise_get_pack (self->exercise);
  title = odan_adhoc_dialog_dup_text (self->title_row);
  channel = odan_adhoc_dialog_dup_text (self->channel_row);
  from = odan_adhoc_dialog_dup_text (self->from_row);
  effect = odan_adhoc_dialog_dup_text (self->effect_row);

  buffer = gtk_text_view_get_buffer (self->body_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  body = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_strstrip (body);

  if (!gtk_switch_get_active (self->all_switch))
    {
      to = g_ptr_array_new ();
      for (guint i = 0; i < self->team_checks->len; i++)
        if (gtk_check_button_get_active (g_ptr_array_index (self->team_checks, i)))
          g_ptr_array_add (to, pack->teams[i].id);
      g_ptr_array_add (to, NULL);
    }

  inject.title = title;
  inject.body = body[0] != '\0' ? body : NULL;
  inject.from = from;
  inject.channel = channel;
  inject.to = to != NULL ? (const char *const *) to->pdata : NULL;
  inject.effect = effect;

  return odan_exercise_deliver_adhoc (self->exercise, &inject, error);
}

/* GObject ----------------------------------------------------------------- */

static void
odan_adhoc_dialog_dispose (GObject *object)
{
  OdanAdhocDialog *self = ODAN_ADHOC_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ODAN_TYPE_ADHOC_DIALOG);
  g_clear_pointer (&self->team_checks, g_ptr_array_unref);
  g_clear_pointer (&self->effect_message, g_free);
  g_clear_object (&self->exercise);

  G_OBJECT_CLASS (odan_adhoc_dialog_parent_class)->dispose (object);
}

static void
odan_adhoc_dialog_class_init (OdanAdhocDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = odan_adhoc_dialog_dispose;

  /**
   * OdanAdhocDialog::send:
   *
   * The facilitator asked to send a valid inject.
   */
  signals[SIGNAL_SEND] =
    g_signal_new ("send", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/jp/odan/Odan/odan-adhoc-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, OdanAdhocDialog, send_button);
  gtk_widget_class_bind_template_child (widget_class, OdanAdhocDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, OdanAdhocDialog, all_switch);
  gtk_widget_class_bind_template_child (widget_class, OdanAdhocDialog, teams_group);
  gtk_widget_class_bind_template_child (widget_class, OdanAdhocDialog, channel_row);
  gtk_widget_class_bind_template_child (widget_class, OdanAdhocDialog, from_row);
  gtk_widget_class_bind_template_child (widget_class, OdanAdhocDialog, body_view);
  gtk_widget_class_bind_template_child (widget_class, OdanAdhocDialog, effect_row);
  gtk_widget_class_bind_template_child (widget_class, OdanAdhocDialog, effect_error);

  gtk_widget_class_install_action (widget_class, "adhoc.send", NULL, send_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
odan_adhoc_dialog_init (OdanAdhocDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->team_checks = g_ptr_array_new ();

  g_signal_connect_object (self->title_row, "changed", G_CALLBACK (odan_adhoc_dialog_validate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->effect_row, "changed", G_CALLBACK (odan_adhoc_dialog_validate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->all_switch, "notify::active", G_CALLBACK (odan_adhoc_dialog_validate), self, G_CONNECT_SWAPPED);
}
