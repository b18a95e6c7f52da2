/* odan-sector-board.c — every node of the model, by sector, with its operability now
 *
 * One row per node of the pack in a GtkListBox, the worst first: sectors
 * by their lowest node (then their mean, then the pack's order), and within a sector
 * nodes by operability (then in the pack's order), so after a blackout the
 * first screen holds what failed. A header above each sector's first node
 * names it with a summary line (how many nodes are down, impaired,
 * degraded; the mean), and a legend above the list names the bands. Each
 * row shows the node's operability as a coloured level bar and a
 * percentage, and says it to assistive technologies ("Water supply, Tokyo
 * 23 wards: 12%"); the rows are built once per exercise and only their
 * values change, read from the exercise's live model
 * (odan_exercise_get_sim()) on each refresh, which re-sorts only when a
 * band changes. The side pane names what binds the selected node now, from
 * odan_sim_compute_cause(): the effect that set it, or the supply it lacks,
 * followed by the chain upstream (odan_exercise_explain()).
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
  GtkListBox     *node_list;
  GtkStack       *detail_stack;
  GtkLabel       *detail_title;
  GtkLabel       *detail_meta;
  GtkLabel       *detail_level;
  GtkLabel       *detail_cause;
  GtkFlowBox     *legend;

  /* Borrowed: each node's row widgets, owned by the list box */
  GtkListBoxRow **rows;
  GtkLevelBar   **bars;
  GtkLabel      **percents;

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

static guint32
row_node (GtkListBoxRow *row)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "odan-node"));
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
sort_rows (GtkListBoxRow *a,
           GtkListBoxRow *b,
           gpointer       user_data)
{
  OdanSectorBoard *self = user_data;
  const OdanPack *pack = odan_exercise_get_pack (self->exercise);
  guint32 na = row_node (a);
  guint32 nb = row_node (b);
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

static void
update_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer       user_data)
{
  OdanSectorBoard *self = user_data;
  const OdanPack *pack = odan_exercise_get_pack (self->exercise);
  guint32 sector = pack->nodes[row_node (row)].sector;
  g_autofree char *summary = NULL;
  GtkWidget *header, *name, *line;
  const char *sector_name;

  if (before != NULL && pack->nodes[row_node (before)].sector == sector)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  sector_name = odan_pack_localized (pack->sectors[sector].name, pack->sectors[sector].name_ja);
  summary = odan_sector_board_get_sector_summary (self, sector);
  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (header, "sector-header");
  name = gtk_label_new (sector_name);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_widget_add_css_class (name, "heading");
  line = gtk_label_new (summary);
  gtk_label_set_xalign (GTK_LABEL (line), 1);
  gtk_label_set_wrap (GTK_LABEL (line), TRUE);
  gtk_widget_set_hexpand (line, TRUE);
  gtk_widget_add_css_class (line, "sector-summary");
  set_level_class (line, level_class (self->sector_min[sector]));
  gtk_box_append (GTK_BOX (header), name);
  gtk_box_append (GTK_BOX (header), line);
  gtk_accessible_update_property (GTK_ACCESSIBLE (header), GTK_ACCESSIBLE_PROPERTY_LABEL, sector_name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary, -1);
  gtk_list_box_row_set_header (row, header);
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

  if (origin->kind == ODAN_ORIGIN_INJECT && origin->index < pack->n_injects)
    /* Translators: what set a node's level: an inject's id and the effect, e.g. "inject INJ-04 (set fuel.depot 0.5 for 12h)" */
    return g_strdup_printf (_("inject %s (%s)"), pack->injects[origin->index].id, text != NULL ? text : "");

  if (origin->kind == ODAN_ORIGIN_MITIGATION && origin->index < pack->n_mitigations)
    /* Translators: what set a node's level: a mitigation's name and the effect */
    return g_strdup_printf (_("the mitigation “%s” (%s)"),
                            odan_pack_localized (pack->mitigations[origin->index].label,
                                                 pack->mitigations[origin->index].label_ja),
                            text != NULL ? text : "");

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
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->node_list);
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

  if (row == NULL || self->exercise == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      return;
    }

  pack = odan_exercise_get_pack (self->exercise);
  sim = shown_sim (self);
  index = row_node (row);
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
      g_autofree char *chain = odan_exercise_explain (self->exercise, index);
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
        g_autofree char *in = odan_time_format_offset (left);
        g_autofree char *at = odan_time_format_offset (now + left);
        /* Translators: a backup (generator fuel, tank, battery) behind the
         * supply from a provider: "… runs out in 5h30m (at T+14h00m)" */
        g_string_append_printf (buffers, _("\nBackup for the supply from %s runs out in %s (at %s) if nothing changes."),
                                odan_pack_localized (provider->name, provider->name_ja), in + 2, at);
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
  }

  gtk_stack_set_visible_child_name (self->detail_stack, "node");
}

/* Each row's accessible description: its name and level, as a screen
 * reader should say them. */
static void
describe_row (OdanSectorBoard *self,
              const OdanPack  *pack,
              guint32          node,
              const char      *percent)
{
  const OdanNode *n = &pack->nodes[node];
  /* Translators: a node's name and operability for screen readers, e.g. "Water supply, Tokyo 23 wards: 12%" */
  g_autofree char *text = g_strdup_printf (_("%s: %s"), odan_pack_localized (n->name, n->name_ja), percent);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->rows[node]), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
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
      g_autofree char *percent = NULL;
      const char *css_class;

      if (self->shown[i] == key)
        continue;

      self->shown[i] = key;
      self->values[i] = value;
      changed = TRUE;
      percent = format_percent (value);
      css_class = level_class (value);
      gtk_level_bar_set_value (self->bars[i], value);
      gtk_label_set_label (self->percents[i], percent);
      set_level_class (GTK_WIDGET (self->bars[i]), css_class);
      set_level_class (GTK_WIDGET (self->percents[i]), css_class);
      describe_row (self, pack, i, percent);
    }

  if (changed)
    {
      summarize_sectors (self, pack);
      gtk_list_box_invalidate_sort (self->node_list);
      gtk_list_box_invalidate_headers (self->node_list);
    }

  odan_sector_board_update_detail (self);
}

GtkWidget *
odan_sector_board_get_row (OdanSectorBoard *self,
                           guint32          node)
{
  g_return_val_if_fail (ODAN_IS_SECTOR_BOARD (self), NULL);

  if (self->exercise == NULL || node >= odan_exercise_get_pack (self->exercise)->n_nodes)
    return NULL;
  return GTK_WIDGET (self->rows[node]);
}

guint32
odan_sector_board_get_nth_node (OdanSectorBoard *self,
                                guint            position)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (ODAN_IS_SECTOR_BOARD (self), ODAN_NONE);

  row = gtk_list_box_get_row_at_index (self->node_list, (int) position);
  return row != NULL ? row_node (row) : ODAN_NONE;
}

static GtkWidget *
make_row (OdanSectorBoard *self,
          const OdanPack  *pack,
          guint32          index)
{
  const OdanNode *node = &pack->nodes[index];
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *bar = gtk_level_bar_new_for_interval (0, 1);
  GtkWidget *percent = gtk_label_new (NULL);
  g_autofree char *title = g_markup_escape_text (odan_pack_localized (node->name, node->name_ja), -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), node->id);
  gtk_widget_add_css_class (row, "node");

  /* The bands are coloured by style.css, not by GtkLevelBar's offsets. */
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (bar, 120, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);

  gtk_label_set_width_chars (GTK_LABEL (percent), 5);
  gtk_label_set_xalign (GTK_LABEL (percent), 1);
  gtk_widget_add_css_class (percent, "numeric");
  gtk_widget_add_css_class (percent, "level-percent");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), percent);

  g_object_set_data (G_OBJECT (row), "odan-node", GUINT_TO_POINTER (index));
  self->rows[index] = GTK_LIST_BOX_ROW (row);
  self->bars[index] = GTK_LEVEL_BAR (bar);
  self->percents[index] = GTK_LABEL (percent);

  return row;
}

static void
odan_sector_board_clear (OdanSectorBoard *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->node_list))) != NULL)
    gtk_list_box_remove (self->node_list, child);
  gtk_list_box_set_sort_func (self->node_list, NULL, NULL, NULL);
  gtk_list_box_set_header_func (self->node_list, NULL, NULL, NULL);

  g_clear_pointer (&self->rows, g_free);
  g_clear_pointer (&self->bars, g_free);
  g_clear_pointer (&self->percents, g_free);
  g_clear_pointer (&self->shown, g_free);
  g_clear_pointer (&self->values, g_free);
  g_clear_pointer (&self->sector_min, g_free);
  g_clear_pointer (&self->sector_sum, g_free);
  g_clear_pointer (&self->sector_count, g_free);
  self->n_sectors = 0;
  g_clear_pointer (&self->state, odan_sim_free);
  g_clear_object (&self->exercise);
}

void
odan_sector_board_set_exercise (OdanSectorBoard *self,
                                OdanExercise    *exercise)
{
  const OdanPack *pack;

  g_return_if_fail (ODAN_IS_SECTOR_BOARD (self));
  g_return_if_fail (exercise == NULL || ODAN_IS_EXERCISE (exercise));

  if (self->exercise == exercise)
    return;

  if (self->node_list != NULL)
    odan_sector_board_clear (self);

  if (exercise == NULL)
    {
      odan_sector_board_update_detail (self);
      return;
    }

  self->exercise = g_object_ref (exercise);
  pack = odan_exercise_get_pack (exercise);
  self->rows = g_new0 (GtkListBoxRow *, MAX (pack->n_nodes, 1));
  self->bars = g_new0 (GtkLevelBar *, MAX (pack->n_nodes, 1));
  self->percents = g_new0 (GtkLabel *, MAX (pack->n_nodes, 1));
  self->shown = g_new (gint32, MAX (pack->n_nodes, 1));
  self->values = g_new (double, MAX (pack->n_nodes, 1));
  self->n_sectors = pack->n_sectors;
  self->sector_min = g_new0 (double, MAX (pack->n_sectors, 1));
  self->sector_sum = g_new0 (double, MAX (pack->n_sectors, 1));
  self->sector_count = g_new0 (guint, 4 * MAX (pack->n_sectors, 1));

  for (guint32 i = 0; i < pack->n_nodes; i++)
    {
      self->shown[i] = -1;
      self->values[i] = 1;
      gtk_list_box_append (self->node_list, make_row (self, pack, i));
    }
  gtk_list_box_set_sort_func (self->node_list, sort_rows, self, NULL);
  gtk_list_box_set_header_func (self->node_list, update_header, self, NULL);

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

  gtk_list_box_select_row (self->node_list, self->rows[node]);
  return TRUE;
}

double
odan_sector_board_get_shown_level (OdanSectorBoard *self,
                                   guint32          node)
{
  g_return_val_if_fail (ODAN_IS_SECTOR_BOARD (self), NAN);
  g_return_val_if_fail (self->exercise != NULL, NAN);
  g_return_val_if_fail (node < odan_exercise_get_pack (self->exercise)->n_nodes, NAN);

  return gtk_level_bar_get_value (self->bars[node]);
}

const char *
odan_sector_board_get_cause_text (OdanSectorBoard *self)
{
  g_return_val_if_fail (ODAN_IS_SECTOR_BOARD (self), NULL);

  if (gtk_list_box_get_selected_row (self->node_list) == NULL)
    return NULL;
  return gtk_label_get_label (self->detail_cause);
}

static void
odan_sector_board_dispose (GObject *object)
{
  OdanSectorBoard *self = ODAN_SECTOR_BOARD (object);

  odan_sector_board_clear (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), ODAN_TYPE_SECTOR_BOARD);

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
  gtk_widget_init_template (GTK_WIDGET (self));
  /* the legend is read, not used: no stop for the Tab key */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->legend)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);

  g_signal_connect_object (self->node_list, "row-selected",
                           G_CALLBACK (odan_sector_board_update_detail), self, G_CONNECT_SWAPPED);
  odan_sector_board_update_detail (self);
}
