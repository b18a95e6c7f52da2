/* odan-diagnostic-row.c — list rows for problems found in a pack
 *
 * A row shows a diagnostic exactly as `odan-cli validate` prints it
 * (odan_diagnostic_format: FILE:LINE: severity: message), selectable, so
 * what a pack author sees in the window and in a terminal is the same.
 */
#define G_LOG_DOMAIN "odan-gui"

#include <glib/gi18n.h>

#include "odan-diagnostic-row.h"

GtkWidget *
odan_diagnostic_row_new (const OdanDiagnostic *diagnostic)
{
  g_autofree char *text = NULL;
  gboolean is_error;
  GtkWidget *row;
  GtkWidget *icon;

  g_return_val_if_fail (diagnostic != NULL, NULL);

  is_error = diagnostic->severity == ODAN_DIAGNOSTIC_ERROR;
  text = odan_diagnostic_format (diagnostic);

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  adw_preferences_row_set_title_selectable (ADW_PREFERENCES_ROW (row), TRUE);
  gtk_widget_add_css_class (row, "diagnostic");
  gtk_widget_add_css_class (row, is_error ? "severity-error" : "severity-warning");

  icon = gtk_image_new_from_icon_name (is_error ? "dialog-error-symbolic" : "dialog-warning-symbolic");
  gtk_widget_add_css_class (icon, "severity");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, is_error ? _("Error") : _("Warning"),
                                  -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  return row;
}

guint
odan_diagnostic_rows_populate (GPtrArray *diagnostics,
                               GFunc      add_row,
                               gpointer   container)
{
  guint n_rows;

  g_return_val_if_fail (add_row != NULL, 0);

  if (diagnostics == NULL)
    return 0;

  n_rows = MIN (diagnostics->len, ODAN_DIAGNOSTIC_ROWS_MAX);
  for (guint i = 0; i < n_rows; i++)
    add_row (odan_diagnostic_row_new (g_ptr_array_index (diagnostics, i)), container);

  if (diagnostics->len > n_rows)
    {
      guint n_more = diagnostics->len - n_rows;
      g_autofree char *title = NULL;
      GtkWidget *row;

      title = g_strdup_printf (ngettext ("%u more problem is not shown; Copy Problems copies them all",
                                         "%u more problems are not shown; Copy Problems copies them all",
                                         n_more),
                               n_more);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_widget_add_css_class (row, "more-diagnostics");
      add_row (row, container);
      n_rows++;
    }

  return n_rows;
}
