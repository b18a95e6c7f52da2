/* odan-server-dialog.c — opening (or starting) an exercise on a PostgreSQL server
 *
 * Multi-site exercises live in a PostgreSQL database (engine/store/pg/), opened
 * like any store by its location (odan_store_open_location()).
 * The dialog takes a libpq connection string — TLS settings included, passed
 * on untouched — and an optional password, which is added to the string
 * given to libpq only: it is never saved, and the store's messages name the
 * server without it. Connecting (and, for "New Exercise on a Server…",
 * storing the pack) runs in a GTask thread with a spinner; an error stays in
 * the dialog with the store's message. On success the parent OdanWindow
 * shows the exercise as the connection's role allows
 * (odan_window_show_server_exercise()).
 *
 *   server.connect   open the exercise    Enter
 */
#define G_LOG_DOMAIN "odan-gui"

#include <glib/gi18n.h>
#include <string.h>

#include "odan-server-dialog.h"
#include "odan-window.h"

struct _OdanServerDialog
{
  AdwWindow      parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *group;
  AdwEntryRow    *conninfo_row;
  AdwEntryRow    *password_row;
  GtkLabel       *error_label;
  GtkSpinner     *spinner;
  GtkButton      *connect_button;

  /* Owned */
  char           *pack_dir;       /* NULL: open; else start the exercise from it */
  GCancellable   *cancellable;    /* non-NULL while connecting */
  OdanWindow     *window;         /* weak */
};

G_DEFINE_FINAL_TYPE (OdanServerDialog, odan_server_dialog, ADW_TYPE_WINDOW)

/* ------------------------------------------------------------------ */
/* Connection strings */

char *
odan_server_conninfo_with_password (const char *conninfo,
                                    const char *password)
{
  g_autoptr(GString) text = NULL;

  g_return_val_if_fail (conninfo != NULL, NULL);

  if (password == NULL || password[0] == '\0')
    return g_strdup (conninfo);
  if (odan_store_location_is_database (conninfo))
    {
      /* a URI takes any connection keyword as a query parameter */
      g_autofree char *escaped = g_uri_escape_string (password, NULL, FALSE);
      const char *hash = strchr (conninfo, '#');
      g_autofree char *head = hash != NULL ? g_strndup (conninfo, hash - conninfo) : g_strdup (conninfo);

      return g_strconcat (head, strchr (head, '?') != NULL ? "&" : "?", "password=", escaped, NULL);
    }
  /* key=value form: a quoted value, ' and \ escaped */
  text = g_string_new (conninfo);
  g_string_append (text, " password='");
  for (const char *p = password; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (text, '\\');
      g_string_append_c (text, *p);
    }
  g_string_append_c (text, '\'');
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* ------------------------------------------------------------------ */
/* Opening in a thread */

typedef struct {
  char *conninfo;
  char *pack_dir;
} OpenData;

static void
open_data_free (OpenData *data)
{
  /* the string may hold the password: do not leave it in freed memory */
  if (data->conninfo != NULL)
    memset (data->conninfo, 0, strlen (data->conninfo));
  g_free (data->conninfo);
  g_free (data->pack_dir);
  g_free (data);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanStore) store = NULL;
  OdanExercise *exercise;

  store = odan_store_open_location (data->conninfo,
                                    ODAN_STORE_OPEN_DATABASE
                                    | (data->pack_dir != NULL ? ODAN_STORE_OPEN_REQUIRE_WRITE : 0),
                                    &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (odan_store_is_empty (store))
    {
      if (data->pack_dir == NULL)
        {
          g_task_return_new_error (task, ODAN_STORE_ERROR, ODAN_STORE_ERROR_EMPTY,
                                   _("%s holds no exercise yet: open a pack and use “New Exercise on a Server…” to start one there"),
                                   odan_store_get_location (store));
          return;
        }
      if (!odan_exercise_init_store (store, data->pack_dir, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  else if (data->pack_dir != NULL)
    {
      g_task_return_new_error (task, ODAN_STORE_ERROR, ODAN_STORE_ERROR_EXISTS,
                               _("%s already holds an exercise: open it with “Open Exercise on a Server…”"),
                               odan_store_get_location (store));
      return;
    }

  exercise = odan_exercise_new (store, &error);
  if (exercise == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, exercise, g_object_unref);
}

void
odan_server_open_async (const char          *conninfo,
                        const char          *password,
                        const char          *pack_dir,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OpenData *data;

  g_return_if_fail (conninfo != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, odan_server_open_async);
  data = g_new0 (OpenData, 1);
  data->conninfo = odan_server_conninfo_with_password (conninfo, password);
  data->pack_dir = g_strdup (pack_dir);
  g_task_set_task_data (task, data, (GDestroyNotify) open_data_free);
  g_task_run_in_thread (task, open_thread);
}

OdanExercise *
odan_server_open_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* The dialog */

static void
odan_server_dialog_set_busy (OdanServerDialog *self,
                             gboolean          busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->conninfo_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->password_row), !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "server.connect", !busy);
}

static void
odan_server_dialog_show_error (OdanServerDialog *self,
                               const char       *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
odan_server_dialog_opened (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(OdanServerDialog) self = user_data;
  g_autoptr(OdanExercise) exercise = NULL;
  g_autoptr(GError) error = NULL;
  const char *conninfo;

  exercise = odan_server_open_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  odan_server_dialog_set_busy (self, FALSE);
  if (exercise == NULL)
    {
      odan_server_dialog_show_error (self, error->message);
      return;
    }
  if (self->window == NULL)
    return;

  conninfo = gtk_editable_get_text (GTK_EDITABLE (self->conninfo_row));
  if (!odan_window_show_server_exercise (self->window, exercise,
                                         odan_store_conninfo_has_password (conninfo) ? NULL : conninfo,
                                         &error))
    {
      odan_server_dialog_show_error (self, error->message);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

void
odan_server_dialog_connect (OdanServerDialog *self)
{
  g_autofree char *conninfo = NULL;

  g_return_if_fail (ODAN_IS_SERVER_DIALOG (self));

  if (self->cancellable != NULL)
    return;
  conninfo = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->conninfo_row))));
  if (conninfo[0] == '\0')
    {
      odan_server_dialog_show_error (self, _("Type the connection string of the exercise's database."));
      return;
    }

  odan_server_dialog_show_error (self, NULL);
  odan_server_dialog_set_busy (self, TRUE);
  self->cancellable = g_cancellable_new ();
  odan_server_open_async (conninfo, gtk_editable_get_text (GTK_EDITABLE (self->password_row)),
                          self->pack_dir, self->cancellable, odan_server_dialog_opened,
                          g_object_ref (self));
}

gboolean
odan_server_dialog_get_busy (OdanServerDialog *self)
{
  g_return_val_if_fail (ODAN_IS_SERVER_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}

static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  odan_server_dialog_connect (ODAN_SERVER_DIALOG (widget));
}

OdanServerDialog *
odan_server_dialog_new (GtkWindow  *parent,
                        const char *conninfo,
                        const char *pack_dir)
{
  OdanServerDialog *self;

  g_return_val_if_fail (ODAN_IS_WINDOW (parent), NULL);

  self = g_object_new (ODAN_TYPE_SERVER_DIALOG, "transient-for", parent, NULL);
  g_set_weak_pointer (&self->window, ODAN_WINDOW (parent));
  self->pack_dir = g_strdup (pack_dir);
  if (conninfo != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->conninfo_row), conninfo);
  if (pack_dir != NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("New Exercise on a Server"));
      gtk_button_set_label (self->connect_button, _("_Create"));
      adw_preferences_group_set_description (self->group,
        _("An empty PostgreSQL database for the exercise, such as postgresql://user@host/database?sslmode=verify-full, and a role that may create roles. TLS settings go in the connection string. The pack shown is stored in it, with one database role per team, the facilitator and the evaluators; give each a password or a certificate on the server."));
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->conninfo_row));
  return self;
}

static void
odan_server_dialog_dispose (GObject *object)
{
  OdanServerDialog *self = ODAN_SERVER_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_weak_pointer (&self->window);
  gtk_widget_dispose_template (GTK_WIDGET (object), ODAN_TYPE_SERVER_DIALOG);

  G_OBJECT_CLASS (odan_server_dialog_parent_class)->dispose (object);
}

static void
odan_server_dialog_finalize (GObject *object)
{
  OdanServerDialog *self = ODAN_SERVER_DIALOG (object);

  g_free (self->pack_dir);

  G_OBJECT_CLASS (odan_server_dialog_parent_class)->finalize (object);
}

static void
odan_server_dialog_class_init (OdanServerDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = odan_server_dialog_dispose;
  object_class->finalize = odan_server_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/jp/odan/Odan/odan-server-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, OdanServerDialog, group);
  gtk_widget_class_bind_template_child (widget_class, OdanServerDialog, conninfo_row);
  gtk_widget_class_bind_template_child (widget_class, OdanServerDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, OdanServerDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, OdanServerDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, OdanServerDialog, connect_button);

  gtk_widget_class_install_action (widget_class, "server.connect", NULL, connect_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
odan_server_dialog_init (OdanServerDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->connect_button));
}
