/* odan-pack-view.c — a scenario pack at a glance: its sectors and their nodes
 *
 * One AdwPreferencesPage, rebuilt whenever the pack changes: an overview
 * group (description, start, end, counts), the load's warnings behind an
 * expander, then a group per sector in file order holding an AdwActionRow
 * per node (localized name, id, region). The view keeps no pointer into the
 * pack, so the pack may be freed after it is replaced. A few hundred rows
 * build in well under a frame's worth of layout work; the list only grows
 * with the pack.
 */
#define G_LOG_DOMAIN "odan-gui"

#include <glib/gi18n.h>

#include "odan-diagnostic-row.h"
#include "odan-format.h"
#include "odan-pack-view.h"
#include "odan-relay.h"

struct _OdanPackView
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (OdanPackView, odan_pack_view, ADW_TYPE_BIN)

static GtkWidget *
info_row_new (const char *title,
              const char *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);

  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

  return row;
}

static char *
describe_contents (const OdanPack *pack)
{
  g_autofree char *sectors = g_strdup_printf (ngettext ("%u sector", "%u sectors", pack->n_sectors), pack->n_sectors);
  g_autofree char *nodes = g_strdup_printf (ngettext ("%u node", "%u nodes", pack->n_nodes), pack->n_nodes);
  g_autofree char *edges = g_strdup_printf (ngettext ("%u dependency", "%u dependencies", pack->n_edges), pack->n_edges);
  g_autofree char *teams = g_strdup_printf (ngettext ("%u team", "%u teams", pack->n_teams), pack->n_teams);
  g_autofree char *injects = g_strdup_printf (ngettext ("%u inject", "%u injects", pack->n_injects), pack->n_injects);

  /* Translators: the separator between the counts in a pack's contents */
  return g_strjoin (_(" · "), sectors, nodes, edges, teams, injects, NULL);
}

/* The ways into authoring, the scenario editor and the MSEL import (win.*
 * actions), as a row of their own: beside the title they would squeeze the
 * scenario's description into a narrow column. */
static GtkWidget *
authoring_row_new (void)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *edit = gtk_button_new_with_mnemonic (_("_Edit Scenario…"));
  GtkWidget *import = gtk_button_new_with_mnemonic (_("_Import MSEL…"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Preparation"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Edit the pack, or add the injects of the planners' spreadsheet"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (edit), "win.edit-scenario");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (import), "win.import-msel");
  gtk_widget_set_tooltip_text (import, _("Add the Injects of a Spreadsheet MSEL to the Pack"));
  gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (import, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), import);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
  return row;
}

static GtkWidget *
overview_group_new (const OdanPack *pack)
{
  GtkWidget *group = adw_preferences_group_new ();
  const char *description = odan_pack_localized (pack->description, pack->description_ja);
  g_autofree char *contents = describe_contents (pack);
  GtkWidget *contents_row;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Scenario"));
  gtk_widget_add_css_class (group, "overview");

  if (description != NULL && description[0] != '\0')
    {
      g_autofree char *escaped = g_markup_escape_text (description, -1);

      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), escaped);
    }

  if (pack->start != NULL)
    {
      g_autoptr(GDateTime) end = g_date_time_add_seconds (pack->start, pack->duration * 60.0);
      g_autofree char *start_text = odan_format_date_time (pack->start);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), info_row_new (_("Start (T0)"), start_text));
      if (end != NULL)
        {
          g_autofree char *end_text = odan_format_date_time (end);

          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), info_row_new (_("End"), end_text));
        }
    }

  /* The counts run long: below the title, where they may wrap. */
  contents_row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (contents_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (contents_row), _("Contents"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (contents_row), contents);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), contents_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), authoring_row_new ());

  return group;
}

static void
add_expander_row (gpointer row,
                  gpointer expander)
{
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), GTK_WIDGET (row));
}

static GtkWidget *
warnings_group_new (GPtrArray *warnings)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *expander = adw_expander_row_new ();
  g_autofree char *title = NULL;

  title = g_strdup_printf (ngettext ("%u warning", "%u warnings", warnings->len), warnings->len);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander),
                                 _("The pack loaded, but these lines may not do what was meant"));
  gtk_widget_add_css_class (expander, "warnings");

  odan_diagnostic_rows_populate (warnings, add_expander_row, expander);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), expander);

  return group;
}

/* sectors.csv names a ministry as written (often in Japanese); its team
 * has the name in both languages. */
static const char *
ministry_name (const OdanPack *pack,
               const char     *ministry)
{
  for (guint32 t = 0; t < pack->n_teams; t++)
    if ((g_strcmp0 (pack->teams[t].name, ministry) == 0 || g_strcmp0 (pack->teams[t].name_ja, ministry) == 0)
        && odan_relay_team_has_role (pack, t, "ministry"))
      return odan_pack_localized (pack->teams[t].name, pack->teams[t].name_ja);
  return ministry;
}

static GtkWidget *
sector_group_new (const OdanPack   *pack,
                  const OdanSector *sector,
                  guint             n_nodes)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *id_label = gtk_label_new (sector->id);
  g_autofree char *count = g_strdup_printf (ngettext ("%u node", "%u nodes", n_nodes), n_nodes);
  g_autofree char *description = NULL;
  g_autofree char *title_markup = NULL;
  g_autofree char *description_markup = NULL;

  if (sector->ministry != NULL && sector->ministry[0] != '\0')
    /* Translators: a sector's ministry in charge, then its number of nodes */
    description = g_strdup_printf (_("%s · %s"), ministry_name (pack, sector->ministry), count);
  else
    description = g_strdup (count);

  /* Group titles and descriptions are markup; pack text is not. */
  title_markup = g_markup_escape_text (odan_pack_localized (sector->name, sector->name_ja), -1);
  description_markup = g_markup_escape_text (description, -1);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title_markup);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description_markup);
  gtk_widget_add_css_class (group, "sector");

  gtk_widget_set_valign (id_label, GTK_ALIGN_END);
  gtk_widget_add_css_class (id_label, "sector-id");
  gtk_widget_add_css_class (id_label, "dim-label");
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), id_label);

  return group;
}

static GtkWidget *
node_row_new (const OdanPack *pack,
              const OdanNode *node)
{
  GtkWidget *row = adw_action_row_new ();
  const char *notes;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), odan_pack_localized (node->name, node->name_ja));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), node->id);
  gtk_widget_add_css_class (row, "node");

  if (node->region != ODAN_NONE)
    {
      GtkWidget *region = gtk_label_new (odan_pack_region_name (pack, node->region));

      gtk_widget_add_css_class (region, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), region);
    }

  notes = odan_pack_localized (node->notes, node->notes_ja);
  if (notes != NULL && notes[0] != '\0')
    gtk_widget_set_tooltip_text (row, notes);

  return row;
}

void
odan_pack_view_set_pack (OdanPackView   *self,
                         const OdanPack *pack,
                         GPtrArray      *warnings)
{
  g_autofree guint *n_nodes = NULL;
  g_autofree GtkWidget **groups = NULL;
  GtkWidget *page;

  g_return_if_fail (ODAN_IS_PACK_VIEW (self));

  if (pack == NULL)
    {
      adw_bin_set_child (ADW_BIN (self), NULL);
      return;
    }

  page = adw_preferences_page_new ();
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page),
                            ADW_PREFERENCES_GROUP (overview_group_new (pack)));
  if (warnings != NULL && warnings->len > 0)
    adw_preferences_page_add (ADW_PREFERENCES_PAGE (page),
                              ADW_PREFERENCES_GROUP (warnings_group_new (warnings)));

  n_nodes = g_new0 (guint, pack->n_sectors);
  for (guint n = 0; n < pack->n_nodes; n++)
    {
      /* A loaded pack has every node in a known sector. */
      g_assert (pack->nodes[n].sector < pack->n_sectors);
      n_nodes[pack->nodes[n].sector]++;
    }

  groups = g_new0 (GtkWidget *, pack->n_sectors);
  for (guint s = 0; s < pack->n_sectors; s++)
    {
      groups[s] = sector_group_new (pack, &pack->sectors[s], n_nodes[s]);
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (groups[s]));
    }

  for (guint n = 0; n < pack->n_nodes; n++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (groups[pack->nodes[n].sector]),
                               node_row_new (pack, &pack->nodes[n]));

  adw_bin_set_child (ADW_BIN (self), page);
}

GtkWidget *
odan_pack_view_new (void)
{
  return g_object_new (ODAN_TYPE_PACK_VIEW, NULL);
}

static void
odan_pack_view_class_init (OdanPackViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_css_name (widget_class, "packview");
}

static void
odan_pack_view_init (OdanPackView *self)
{
}
