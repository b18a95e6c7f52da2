/* odan-sector-board.c — every node of the model, by sector, with its operability now
 *
 * One row per node of the pack in a recycling GtkListView, the worst first:
 * sectors by their lowest node (then their mean, then the pack's order),
 * and within a sector nodes by operability (then in the pack's order), so
 * after a blackout the first screen holds what failed. A header row before
 * each sector's first node names it with a summary line (how many nodes
 * are down, impaired, degraded; the mean), and a legend above the list
 * names the bands. Each row shows the node's operability as a coloured
 * level bar and a percentage, and says it to assistive technologies
 * ("Water supply, Tokyo 23 wards: 12%").
 *
 * The list only builds the rows on screen (a 2,000-node pack opened in
 * seconds, not half a minute, once the rows were no longer all built): the
 * model is a GListStore of one small item per node and per sector, in the
 * order shown, and the values live in arrays here. A refresh reads the
 * exercise's live model (odan_exercise_get_sim()), updates the rows bound
 * now, and re-orders the store only when a band changes. The side pane
 * names what binds the selected node now, from odan_sim_compute_cause():
 * the effect that set it, or the supply it lacks, followed by the chain
 * upstream (odan_exercise_explain()).
 *
 * The levels bands, shared with style.css: normal (100%), degraded (50% or
 * more), impaired (above 0) and down (0).
 */
#define G_LOG_DOMAIN "odan-gui"

#include <glib/gi18n.h>
#include <string.h>
#include <math.h>

#include "odan-format.h"
#include "odan-sector-board.h"
#include "odan-time.h"

struct _OdanSectorBoard
{
  AdwBin          parent_instance;

  /* Template widgets */
  GtkListView    *node_list;
  GtkStack       *detail_stack;
  GtkLabel       *detail_title;
  GtkLabel       *detail_meta;
  GtkLabel       *detail_level;
  GtkLabel       *detail_cause;
  GtkFlowBox     *legend;

  /* The list: one item per sector header and per node, in the order shown */
  GListStore         *store;
  GtkSingleSelection *selection;
  GObject           **node_items;    /* per node: its item (owned) */
  GObject           **sector_items;  /* per sector: its header item (owned) */
  guint32            *order;         /* the nodes in the order shown */
  guint              *position;      /* per node: its item's position in the store */
  GtkWidget         **bound;         /* per node: the row showing it now, or NULL */
  GtkWidget         **bound_headers; /* per sector: the header row showing it now, or NULL */
  guint32             selected_node; /* ODAN_NONE when none */
  gboolean            reordering;    /* the store is being re-ordered: keep the selection */

  /* Owned */
  OdanExercise   *exercise;
  gint32         *shown;        /* per node: the operability key shown, or -1 */
  double         *values;       /* per node: the operability shown */
  guint           n_sectors;
  double         *sector_min;   /* per sector: its lowest node, 2 when empty */
  double         *sector_sum;   /* per sector: the sum of its nodes' levels */
  guint          *sector_count; /* per sector × band (4): how many nodes */
  OdanSim        *state;        /* shown instead of the live model (the review's scrub), or NULL */
};

G_DEFINE_FINAL_TYPE (OdanSectorBoard, odan_sector_board, ADW_TYPE_BIN)

/* An item of the store is a plain GObject carrying one of these (the
 * index + 1): a node's row or a sector's header. */
#define ITEM_NODE   "odan-node"
#define ITEM_SECTOR "odan-sector"

static const char *const level_classes[] = { "level-normal", "level-degraded", "level-impaired", "level-down" };

static const char *
level_class (double value)
{
  if (value >= 0.99995)
    return level_classes[0];
  if (value >= 0.5)
    return level_classes[1];
  if (value > 0.00005)
    return level_classes[2];
  return level_classes[3];
}

/* The band of @value, for the other views that colour nodes (the graph). */
const char *
odan_sector_board_level_class (double value)
{
  return level_class (value);
}

static char *
format_percent (double value)
{
  /* Translators: a node's operability as a percentage, e.g. "45%" */
  return g_strdup_printf (_("%.0f%%"), floor (value * 100.0 + 0.5));
}

static void
set_level_class (GtkWidget  *widget,
                 const char *css_class)
{
  for (guint i = 0; i < G_N_ELEMENTS (level_classes); i++)
    if (level_classes[i] != css_class)
      gtk_widget_remove_css_class (widget, level_classes[i]);
  gtk_widget_add_css_class (widget, css_class);
}

/* The model shown: the one set by odan_sector_board_set_state(), else the live one. */
static const OdanSim *
shown_sim (OdanSectorBoard *self)
{
  return self->state != NULL ? self->state : odan_exercise_get_sim (self->exercise);
}

/* The node (or with ITEM_SECTOR the sector) of a store item, or ODAN_NONE. */
static guint32
item_index (gpointer    item,
            const char *kind)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (item), kind));

  return index > 0 ? index - 1 : ODAN_NONE;
}

static int
compare_double (double a,
                double b)
{
  return a < b ? -1 : a > b;
}

static double
sector_mean (OdanSectorBoard *self,
             guint32          sector)
{
  const guint *count = &self->sector_count[4 * sector];
  guint total = count[0] + count[1] + count[2] + count[3];

  return total > 0 ? self->sector_sum[sector] / total : 1;
}

/* The worst first: the sector whose lowest node is lowest, then the lowest
 * on average, then the pack's order; in a sector, the lowest node, then the
 * pack's order. */
static int
compare_nodes (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  OdanSectorBoard *self = user_data;
  const OdanPack *pack = odan_exercise_get_pack (self->exercise);
  guint32 na = *(const guint32 *) a;
  guint32 nb = *(const guint32 *) b;
  guint32 sa = pack->nodes[na].sector;
  guint32 sb = pack->nodes[nb].sector;
  int c;

  if (sa != sb)
    {
      c = compare_double (self->sector_min[sa], self->sector_min[sb]);
      if (c == 0)
        c = compare_double (sector_mean (self, sa), sector_mean (self, sb));
      return c != 0 ? c : (sa < sb ? -1 : 1);
    }
  c = compare_double (self->values[na], self->values[nb]);
  if (c != 0)
    return c;
  return na < nb ? -1 : na > nb;
}

static guint
level_band (double value)
{
  const char *css_class = level_class (value);

  for (guint i = 0; i < G_N_ELEMENTS (level_classes); i++)
    if (level_classes[i] == css_class)
      return i;
  return 0;
}

/* "2 down · 1 degraded · mean 64%", or "All 19 normal". */
char *
odan_sector_board_get_sector_summary (OdanSectorBoard *self,
                                      guint32          sector)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const guint *count;
  guint total = 0;
  double mean;
  /* Translators: counts of a sector's nodes in each band, joined by " · " */
  const char *bands[] = { NULL, N_("%u degraded"), N_("%u impaired"), N_("%u down") };

  g_return_val_if_fail (ODAN_IS_SECTOR_BOARD (self), NULL);
  g_return_val_if_fail (self->exercise != NULL && sector < self->n_sectors, NULL);

  count = &self->sector_count[4 * sector];
  for (guint b = 0; b < 4; b++)
    total += count[b];
  if (count[0] == total)
    /* Translators: a sector's summary when every node is at 100% */
    return g_strdup_printf (ngettext ("%u node, normal", "All %u normal", total), total);

  for (guint b = 3; b >= 1; b--)
    if (count[b] > 0)
      {
        if (text->len > 0)
          g_string_append (text, " · ");
        g_string_append_printf (text, _(bands[b]), count[b]);
      }
  mean = sector_mean (self, sector);
  /* Translators: the end of a sector's summary: the mean of its nodes' operability */
  g_string_append_printf (text, _(" · %.0f%% on average"), floor (mean * 100.0 + 0.5));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
describe_origin (const OdanPack   *pack,
                 const OdanOrigin *origin,
                 guint32           effect)
{
  const GArray *effects = NULL;
  const char *text = NULL;

  if (origin->kind == ODAN_ORIGIN_INJECT && origin->index < pack->n_injects)
    effects = pack->injects[origin->index].effects;
  else if (origin->kind == ODAN_ORIGIN_MITIGATION && origin->index < pack->n_mitigations)
    effects = pack->mitigations[origin->index].effects;
  if (effects != NULL && effect < effects->len)
    text = g_array_index (effects, OdanEffect, effect).text;
  /* the model's own syntax is for authors: people read it in words */
  g_autofree char *words = text != NULL ? odan_format_effects (pack, text) : NULL;

  if (origin->kind == ODAN_ORIGIN_INJECT && origin->index < pack->n_injects)
    /* Translators: what set a node's level: an inject's id and the effect, e.g. "inject INJ-04 (set fuel.depot 0.5 for 12h)" */
    return g_strdup_printf (_("inject %s (%s)"), pack->injects[origin->index].id, words != NULL ? words : "");

  if (origin->kind == ODAN_ORIGIN_MITIGATION && origin->index < pack->n_mitigations)
    /* Translators: what set a node's level: a mitigation's name and the effect */
    return g_strdup_printf (_("the mitigation “%s” (%s)"),
                            odan_pack_localized (pack->mitigations[origin->index].label,
                                                 pack->mitigations[origin->index].label_ja),
                            words != NULL ? words : "");

  return g_strdup (_("an ad hoc inject"));
}

static char *
describe_cause (const OdanSim *sim,
                guint32        node)
{
  const OdanPack *pack = odan_sim_get_pack (sim);
  OdanCause cause;
  g_autofree char *origin = NULL;

  odan_sim_compute_cause (sim, node, &cause);

  switch (cause.kind)
    {
    case ODAN_CAUSE_NORMAL:
      return g_strdup (_("Operating normally."));

    case ODAN_CAUSE_DIRECT:
      origin = describe_origin (pack, &cause.origin, cause.effect);
      return g_strdup_printf (_("Set by %s."), origin);

    case ODAN_CAUSE_FLOOR:
      origin = describe_origin (pack, &cause.origin, cause.effect);
      return g_strdup_printf (_("Held up by %s."), origin);

    case ODAN_CAUSE_EDGE:
      {
        const OdanEdge *edge = &pack->edges[cause.edge];
        const OdanNode *provider = &pack->nodes[edge->provider];
        const char *name = odan_pack_localized (provider->name, provider->name_ja);
        g_autofree char *level = format_percent (odan_sim_get_operability (sim, edge->provider));

        if (cause.flags & ODAN_CAUSE_FLAG_RESTARTING)
          return g_strdup_printf (_("Restarting: its supply from %s (%s, now %s) is back, and the restart takes time."),
                                  name, provider->id, level);
        if (cause.flags & ODAN_CAUSE_FLAG_BUFFER_EMPTY)
          return g_strdup_printf (_("Its supply from %s (%s, now %s) is short and its buffer has run out."),
                                  name, provider->id, level);
        if (cause.flags & ODAN_CAUSE_FLAG_ON_BUFFER)
          return g_strdup_printf (_("Its supply from %s (%s, now %s) is short; it runs on its buffer."),
                                  name, provider->id, level);
        return g_strdup_printf (_("Its supply from %s (%s, now %s) is short."), name, provider->id, level);
      }

    default:
      g_return_val_if_reached (NULL);
    }
}

static void
odan_sector_board_update_detail (OdanSectorBoard *self)
{
  const OdanPack *pack;
  const OdanSim *sim;
  const OdanNode *node;
  guint32 index;
  double value;
  double since;
  g_autofree char *percent = NULL;
  g_autofree char *cause = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *text = NULL;

  if (self->selected_node == ODAN_NONE || self->exercise == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      return;
    }

  pack = odan_exercise_get_pack (self->exercise);
  sim = shown_sim (self);
  index = self->selected_node;
  node = &pack->nodes[index];
  value = odan_sim_get_operability (sim, index);
  since = odan_sim_get_since (sim, index);

  gtk_label_set_label (self->detail_title, odan_pack_localized (node->name, node->name_ja));
  /* Translators: a node's id and its sector's name */
  meta = g_strdup_printf (_("%s · %s"), node->id,
                          odan_pack_localized (pack->sectors[node->sector].name, pack->sectors[node->sector].name_ja));
  gtk_label_set_label (self->detail_meta, meta);

  percent = format_percent (value);
  gtk_label_set_label (self->detail_level, percent);
  set_level_class (GTK_WIDGET (self->detail_level), level_class (value));

  cause = describe_cause (sim, index);
  if (value < 0.99995 && since > 0)
    {
      g_autofree char *offset = odan_time_format_offset (since);

      /* Translators: the cause of a node's level, then since when it holds, e.g. "… Since T+2h." */
      text = g_strdup_printf (_("%s Since %s."), cause, offset);
    }
  else
    text = g_steal_pointer (&cause);

  /* Below normal, follow the causes upstream: the chain a facilitator reads
   * aloud, one provider per line after the node's own. The chain and the
   * history below are the live model's: left out for an earlier state. */
  if (value < 0.99995 && self->state == NULL)
    {
      g_autofree char *raw = odan_exercise_explain (self->exercise, index);
      g_autofree char *chain = odan_format_explanation (odan_exercise_get_pack (self->exercise), raw);
      const char *upstream = chain ? strchr (chain, '\n') : NULL;

      if (upstream != NULL && upstream[1] != '\0')
        {
          g_autofree char *joined = g_strconcat (text, "\n", upstream, NULL);
          g_free (text);
          text = g_strchomp (g_steal_pointer (&joined));
        }
    }
  /* When its backups run out if nothing changes: every draining buffer on
   * an edge into the node, soonest first as the pack lists them. */
  {
    g_autoptr(GString) buffers = g_string_new (text);
    double now = odan_sim_get_time (sim);

    for (guint32 j = pack->in_start[index]; j < pack->in_start[index + 1]; j++)
      {
        guint32 e = pack->in_edges[j];
        double left = odan_sim_buffer_remaining (sim, e);
        const OdanNode *provider = &pack->nodes[pack->edges[e].provider];

        if (left < 0)
          continue;
        g_autofree char *in = odan_format_duration (left);
        g_autofree char *at = odan_time_format_offset (now + left);
        /* Translators: a backup (generator fuel, tank, battery) behind the
         * supply from a provider: "… runs out in 5 h 30 min (at T+14h00m)" */
        g_string_append_printf (buffers, _("\nBackup for the supply from %s runs out in %s (at %s) if nothing changes."),
                                odan_pack_localized (provider->name, provider->name_ja), in, at);
      }

    /* A small history: the node's last changes, oldest first. */
    g_autoptr(GArray) history = self->state == NULL ? odan_exercise_node_history (self->exercise, index) : NULL;
    if (history != NULL && history->len > 0)
      {
        g_autoptr(GString) changes = g_string_new (NULL);
        guint first = history->len > 6 ? history->len - 6 : 0;

        if (first > 0)
          g_string_append (changes, "… ");
        for (guint i = first; i < history->len; i++)
          {
            const OdanChange *ch = &g_array_index (history, OdanChange, i);
            g_autofree char *at = odan_time_format_offset (ch->time);
            g_autofree char *level = format_percent (ch->value);

            g_string_append_printf (changes, "%s%s %s", i > first ? " · " : "", at, level);
          }
        /* Translators: the last changes of a node's level, e.g. "T+6h00m 10% · T+11h00m 100%" */
        g_string_append_printf (buffers, _("\nChanges so far: %s"), changes->str);
      }
    gtk_label_set_label (self->detail_cause, buffers->str);
    odan_format_label_phrases (self->detail_cause);
  }

  gtk_stack_set_visible_child_name (self->detail_stack, "node");
}

/* Each node row's accessible name and description: its name, region and
 * level, as a screen reader should say them. */
static void
describe_row (GtkWidget      *row,
              const OdanPack *pack,
              guint32         node,
              const char     *percent)
{
  const OdanNode *n = &pack->nodes[node];
  const char *name = odan_pack_localized (n->name, n->name_ja);
  g_autofree char *text = NULL;

  if (n->region != ODAN_NONE)
    /* Translators: a node's name, its region and operability for screen readers, e.g. "Water supply, Tokyo 23 wards: 12%" */
    text = g_strdup_printf (_("%s, %s: %s"), name, odan_pack_region_name (pack, n->region), percent);
  else
    /* Translators: a node's name and operability for screen readers, e.g. "Water supply: 12%" */
    text = g_strdup_printf (_("%s: %s"), name, percent);

  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

static GtkWidget *
cell_part (GtkWidget  *cell,
           const char *part)
{
  return g_object_get_data (G_OBJECT (cell), part);
}

/* Shows node @node in the row part of @cell. */
static void
fill_row (OdanSectorBoard *self,
          GtkWidget       *cell,
          guint32          node)
{
  const OdanPack *pack = odan_exercise_get_pack (self->exercise);
  const OdanNode *n = &pack->nodes[node];
  GtkWidget *row = cell_part (cell, "row");
  g_autofree char *percent = format_percent (self->values[node]);
  const char *css_class = level_class (self->values[node]);

  gtk_label_set_label (GTK_LABEL (cell_part (cell, "title")), odan_pack_localized (n->name, n->name_ja));
  if (n->region != ODAN_NONE)
    {
      /* Translators: a node's id and its region's name under its name on the Sectors board */
      g_autofree char *meta = g_strdup_printf (_("%s · %s"), n->id, odan_pack_region_name (pack, n->region));

      gtk_label_set_label (GTK_LABEL (cell_part (cell, "subtitle")), meta);
    }
  else
    gtk_label_set_label (GTK_LABEL (cell_part (cell, "subtitle")), n->id);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (cell_part (cell, "bar")), self->values[node]);
  gtk_label_set_label (GTK_LABEL (cell_part (cell, "percent")), percent);
  set_level_class (cell_part (cell, "bar"), css_class);
  set_level_class (cell_part (cell, "percent"), css_class);
  describe_row (row, pack, node, percent);
}

/* Shows sector @sector's name and summary in the header part of @cell. */
static void
fill_header (OdanSectorBoard *self,
             GtkWidget       *cell,
             guint32          sector)
{
  const OdanPack *pack = odan_exercise_get_pack (self->exercise);
  const char *sector_name = odan_pack_localized (pack->sectors[sector].name, pack->sectors[sector].name_ja);
  g_autofree char *summary = odan_sector_board_get_sector_summary (self, sector);
  GtkWidget *line = cell_part (cell, "summary");

  gtk_label_set_label (GTK_LABEL (cell_part (cell, "name")), sector_name);
  gtk_label_set_label (GTK_LABEL (line), summary);
  set_level_class (line, level_class (self->sector_min[sector]));
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell_part (cell, "header")),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, sector_name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary, -1);
}

static GtkWidget *
label_new (const char *css_class,
           float       xalign)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* One cell holds both a header and a node row; binding shows one. */
static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  GtkWidget *cell = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *row = g_object_new (GTK_TYPE_BOX, "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP,
                                 "spacing", 12, NULL);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = label_new ("heading", 0);
  GtkWidget *summary = label_new ("sector-summary", 1);
  GtkWidget *title = label_new (NULL, 0);
  GtkWidget *subtitle = label_new ("node-id", 0);
  GtkWidget *bar = gtk_level_bar_new_for_interval (0, 1);
  GtkWidget *percent = label_new ("level-percent", 1);

  gtk_widget_add_css_class (header, "sector-header");
  gtk_label_set_wrap (GTK_LABEL (summary), TRUE);
  gtk_widget_set_hexpand (summary, TRUE);
  gtk_box_append (GTK_BOX (header), name);
  gtk_box_append (GTK_BOX (header), summary);

  gtk_widget_add_css_class (row, "node");
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), subtitle);
  /* The bands are coloured by style.css, not by GtkLevelBar's offsets. */
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (bar, 120, -1);
  gtk_label_set_width_chars (GTK_LABEL (percent), 5);
  gtk_widget_add_css_class (percent, "numeric");
  gtk_box_append (GTK_BOX (row), text);
  gtk_box_append (GTK_BOX (row), bar);
  gtk_box_append (GTK_BOX (row), percent);

  gtk_box_append (GTK_BOX (cell), header);
  gtk_box_append (GTK_BOX (cell), row);
  g_object_set_data (G_OBJECT (cell), "header", header);
  g_object_set_data (G_OBJECT (cell), "name", name);
  g_object_set_data (G_OBJECT (cell), "summary", summary);
  g_object_set_data (G_OBJECT (cell), "row", row);
  g_object_set_data (G_OBJECT (cell), "title", title);
  g_object_set_data (G_OBJECT (cell), "subtitle", subtitle);
  g_object_set_data (G_OBJECT (cell), "bar", bar);
  g_object_set_data (G_OBJECT (cell), "percent", percent);
  gtk_list_item_set_child (item, cell);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  OdanSectorBoard *self = user_data;
  GtkWidget *cell = gtk_list_item_get_child (item);
  gpointer object = gtk_list_item_get_item (item);
  guint32 sector = item_index (object, ITEM_SECTOR);
  guint32 node = item_index (object, ITEM_NODE);

  if (self->exercise == NULL)
    return;
  gtk_widget_set_visible (cell_part (cell, "header"), sector != ODAN_NONE);
  gtk_widget_set_visible (cell_part (cell, "row"), node != ODAN_NONE);
  /* a header is read, not chosen */
  gtk_list_item_set_selectable (item, node != ODAN_NONE);
  gtk_list_item_set_activatable (item, node != ODAN_NONE);
  if (sector != ODAN_NONE)
    {
      self->bound_headers[sector] = cell;
      fill_header (self, cell, sector);
    }
  else if (node != ODAN_NONE)
    {
      self->bound[node] = cell;
      fill_row (self, cell, node);
    }
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  OdanSectorBoard *self = user_data;
  GtkWidget *cell = gtk_list_item_get_child (item);
  gpointer object = gtk_list_item_get_item (item);
  guint32 sector, node;

  if (self->exercise == NULL || object == NULL)
    return;
  sector = item_index (object, ITEM_SECTOR);
  node = item_index (object, ITEM_NODE);
  if (sector != ODAN_NONE && self->bound_headers[sector] == cell)
    self->bound_headers[sector] = NULL;
  if (node != ODAN_NONE && self->bound[node] == cell)
    self->bound[node] = NULL;
}

/* The sectors' lowest node, sum and counts by band, from the values shown. */
static void
summarize_sectors (OdanSectorBoard *self,
                   const OdanPack  *pack)
{
  for (guint s = 0; s < self->n_sectors; s++)
    {
      self->sector_min[s] = 2;
      self->sector_sum[s] = 0;
    }
  memset (self->sector_count, 0, sizeof (guint) * 4 * MAX (self->n_sectors, 1));
  for (guint32 i = 0; i < pack->n_nodes; i++)
    {
      guint32 s = pack->nodes[i].sector;

      if (s >= self->n_sectors)
        continue;
      self->sector_min[s] = MIN (self->sector_min[s], self->values[i]);
      self->sector_sum[s] += self->values[i];
      self->sector_count[4 * s + level_band (self->values[i])]++;
    }
}

/* Sorts the nodes worst first and, when the order changed, puts the
 * store's items in it: a header before each sector's first node. The
 * selection follows its node. */
static void
reorder (OdanSectorBoard *self,
         gboolean         force)
{
  const OdanPack *pack = odan_exercise_get_pack (self->exercise);
  g_autofree guint32 *before = g_memdup2 (self->order, sizeof (guint32) * MAX (pack->n_nodes, 1));
  g_autoptr(GPtrArray) items = NULL;
  guint32 previous = ODAN_NONE;

  g_qsort_with_data (self->order, (int) pack->n_nodes, sizeof (guint32), compare_nodes, self);
  if (!force && memcmp (before, self->order, sizeof (guint32) * pack->n_nodes) == 0)
    return;

  items = g_ptr_array_sized_new (pack->n_nodes + pack->n_sectors);
  for (guint i = 0; i < pack->n_nodes; i++)
    {
      guint32 node = self->order[i];
      guint32 sector = pack->nodes[node].sector;

      if (sector != previous)
        g_ptr_array_add (items, self->sector_items[sector]);
      previous = sector;
      self->position[node] = items->len;
      g_ptr_array_add (items, self->node_items[node]);
    }
  self->reordering = TRUE;
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       items->pdata, items->len);
  if (self->selected_node != ODAN_NONE)
    gtk_single_selection_set_selected (self->selection, self->position[self->selected_node]);
  else
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->reordering = FALSE;
}

void
odan_sector_board_refresh (OdanSectorBoard *self)
{
  const OdanPack *pack;
  const OdanSim *sim;
  gboolean changed = FALSE;

  g_return_if_fail (ODAN_IS_SECTOR_BOARD (self));

  if (self->exercise == NULL)
    return;

  pack = odan_exercise_get_pack (self->exercise);
  sim = shown_sim (self);

  for (guint32 i = 0; i < pack->n_nodes; i++)
    {
      double value = odan_sim_get_operability (sim, i);
      gint32 key = odan_operability_key (value);

      if (self->shown[i] == key)
        continue;
      self->shown[i] = key;
      self->values[i] = value;
      changed = TRUE;
      /* only the rows on screen exist; the others show it when bound */
      if (self->bound[i] != NULL)
        fill_row (self, self->bound[i], i);
    }

  if (changed)
    {
      summarize_sectors (self, pack);
      for (guint s = 0; s < self->n_sectors; s++)
        if (self->bound_headers[s] != NULL)
          fill_header (self, self->bound_headers[s], s);
      reorder (self, FALSE);
    }

  odan_sector_board_update_detail (self);
}

GtkWidget *
odan_sector_board_get_row (OdanSectorBoard *self,
                           guint32          node)
{
  g_return_val_if_fail (ODAN_IS_SECTOR_BOARD (self), NULL);

  if (self->exercise == NULL || node >= odan_exercise_get_pack (self->exercise)->n_nodes
      || self->bound[node] == NULL)
    return NULL;
  return cell_part (self->bound[node], "row");
}

guint32
odan_sector_board_get_nth_node (OdanSectorBoard *self,
                                guint            position)
{
  g_return_val_if_fail (ODAN_IS_SECTOR_BOARD (self), ODAN_NONE);

  if (self->exercise == NULL || position >= odan_exercise_get_pack (self->exercise)->n_nodes)
    return ODAN_NONE;
  return self->order[position];
}

static void
odan_sector_board_clear (OdanSectorBoard *self)
{
  const OdanPack *pack = self->exercise != NULL ? odan_exercise_get_pack (self->exercise) : NULL;

  self->selected_node = ODAN_NONE;
  if (self->store != NULL)
    g_list_store_remove_all (self->store);
  for (guint i = 0; pack != NULL && i < pack->n_nodes; i++)
    g_object_unref (self->node_items[i]);
  for (guint s = 0; pack != NULL && s < pack->n_sectors; s++)
    g_object_unref (self->sector_items[s]);
  g_clear_pointer (&self->node_items, g_free);
  g_clear_pointer (&self->sector_items, g_free);
  g_clear_pointer (&self->order, g_free);
  g_clear_pointer (&self->position, g_free);
  g_clear_pointer (&self->bound, g_free);
  g_clear_pointer (&self->bound_headers, g_free);
  g_clear_pointer (&self->shown, g_free);
  g_clear_pointer (&self->values, g_free);
  g_clear_pointer (&self->sector_min, g_free);
  g_clear_pointer (&self->sector_sum, g_free);
  g_clear_pointer (&self->sector_count, g_free);
  self->n_sectors = 0;
  g_clear_pointer (&self->state, odan_sim_free);
  g_clear_object (&self->exercise);
}

static GObject *
item_new (const char *kind,
          guint32     index)
{
  GObject *item = g_object_new (G_TYPE_OBJECT, NULL);

  g_object_set_data (item, kind, GUINT_TO_POINTER (index + 1));
  return item;
}

void
odan_sector_board_set_exercise (OdanSectorBoard *self,
                                OdanExercise    *exercise)
{
  const OdanPack *pack;
  guint n;

  g_return_if_fail (ODAN_IS_SECTOR_BOARD (self));
  g_return_if_fail (exercise == NULL || ODAN_IS_EXERCISE (exercise));

  if (self->exercise == exercise)
    return;

  if (self->store != NULL)
    odan_sector_board_clear (self);

  if (exercise == NULL)
    {
      odan_sector_board_update_detail (self);
      return;
    }

  self->exercise = g_object_ref (exercise);
  pack = odan_exercise_get_pack (exercise);
  n = MAX (pack->n_nodes, 1);
  self->node_items = g_new0 (GObject *, n);
  self->sector_items = g_new0 (GObject *, MAX (pack->n_sectors, 1));
  self->order = g_new (guint32, n);
  self->position = g_new0 (guint, n);
  self->bound = g_new0 (GtkWidget *, n);
  self->bound_headers = g_new0 (GtkWidget *, MAX (pack->n_sectors, 1));
  self->shown = g_new (gint32, n);
  self->values = g_new (double, n);
  self->n_sectors = pack->n_sectors;
  self->sector_min = g_new0 (double, MAX (pack->n_sectors, 1));
  self->sector_sum = g_new0 (double, MAX (pack->n_sectors, 1));
  self->sector_count = g_new0 (guint, 4 * MAX (pack->n_sectors, 1));

  for (guint32 s = 0; s < pack->n_sectors; s++)
    self->sector_items[s] = item_new (ITEM_SECTOR, s);
  for (guint32 i = 0; i < pack->n_nodes; i++)
    {
      self->node_items[i] = item_new (ITEM_NODE, i);
      self->order[i] = i;
      self->shown[i] = -1;
      self->values[i] = 1;
    }
  summarize_sectors (self, pack);
  reorder (self, TRUE);
  odan_sector_board_refresh (self);
}

void
odan_sector_board_set_state (OdanSectorBoard *self,
                             OdanSim         *sim)
{
  g_return_if_fail (ODAN_IS_SECTOR_BOARD (self));
  g_return_if_fail (sim == NULL || self->exercise != NULL);

  if (self->state == sim)
    return;
  g_clear_pointer (&self->state, odan_sim_free);
  self->state = sim;
  odan_sector_board_refresh (self);
}

gboolean
odan_sector_board_select_node (OdanSectorBoard *self,
                               guint32          node)
{
  g_return_val_if_fail (ODAN_IS_SECTOR_BOARD (self), FALSE);

  if (self->exercise == NULL || node >= odan_exercise_get_pack (self->exercise)->n_nodes)
    return FALSE;

  gtk_single_selection_set_selected (self->selection, self->position[node]);
  /* bring it on screen, where its row is built */
  gtk_widget_activate_action (GTK_WIDGET (self->node_list), "list.scroll-to-item", "u", self->position[node]);
  return TRUE;
}

double
odan_sector_board_get_shown_level (OdanSectorBoard *self,
                                   guint32          node)
{
  g_return_val_if_fail (ODAN_IS_SECTOR_BOARD (self), NAN);
  g_return_val_if_fail (self->exercise != NULL, NAN);
  g_return_val_if_fail (node < odan_exercise_get_pack (self->exercise)->n_nodes, NAN);

  return self->values[node];
}

const char *
odan_sector_board_get_cause_text (OdanSectorBoard *self)
{
  g_return_val_if_fail (ODAN_IS_SECTOR_BOARD (self), NULL);

  if (self->selected_node == ODAN_NONE)
    return NULL;
  return gtk_label_get_label (self->detail_cause);
}

static void
on_selection_changed (OdanSectorBoard *self)
{
  gpointer item;

  if (self->reordering)
    return;
  item = gtk_single_selection_get_selected_item (self->selection);
  self->selected_node = item != NULL ? item_index (item, ITEM_NODE) : ODAN_NONE;
  odan_sector_board_update_detail (self);
}

static void
odan_sector_board_dispose (GObject *object)
{
  OdanSectorBoard *self = ODAN_SECTOR_BOARD (object);

  odan_sector_board_clear (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), ODAN_TYPE_SECTOR_BOARD);
  g_clear_object (&self->selection);
  self->store = NULL;

  G_OBJECT_CLASS (odan_sector_board_parent_class)->dispose (object);
}

static void
odan_sector_board_class_init (OdanSectorBoardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = odan_sector_board_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/jp/odan/Odan/odan-sector-board.ui");
  gtk_widget_class_bind_template_child (widget_class, OdanSectorBoard, node_list);
  gtk_widget_class_bind_template_child (widget_class, OdanSectorBoard, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, OdanSectorBoard, detail_title);
  gtk_widget_class_bind_template_child (widget_class, OdanSectorBoard, detail_meta);
  gtk_widget_class_bind_template_child (widget_class, OdanSectorBoard, detail_level);
  gtk_widget_class_bind_template_child (widget_class, OdanSectorBoard, detail_cause);
  gtk_widget_class_bind_template_child (widget_class, OdanSectorBoard, legend);
}

static void
odan_sector_board_init (OdanSectorBoard *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  /* the legend is read, not used: no stop for the Tab key */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->legend)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);

  self->selected_node = ODAN_NONE;
  self->store = g_list_store_new (G_TYPE_OBJECT);
  /* the selection owns the store */
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->store));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), self);
  gtk_list_view_set_factory (self->node_list, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->node_list, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
  odan_sector_board_update_detail (self);
}
