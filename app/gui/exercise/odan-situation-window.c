/* odan-situation-window.c — the situation display: the exercise at a glance, for the room
 *
 * A window for the projector or a second screen, read from the back of
 * the room: a large clock and the exercise's phase, a matrix of sectors
 * (rows, the pack's order) by regions (columns, first-seen order, then
 * the nodes without a region) whose cells hold the mean operability of
 * their nodes in colour and number, the latest deliveries and the nodes
 * that changed in the last 30 minutes. It follows the exercise live, on
 * the exercise's "event-added" and a half-second timer, and goes full
 * screen with F11.
 *
 * The room holds the teams, so by default the display shows only what
 * every team may see: the clock, the phase, and for each delivery its
 * time and recipients. The model (matrix and changes) shows when the
 * scenario lets teams see it (team-view-model) or the facilitator turns it
 * on, and the deliveries' titles only when the facilitator does (the
 * properties show-model and show-titles, toggled from the window's menu).
 *
 * The matrix is a GtkGrid of labels built once per exercise; each cell
 * says its sector, region and level to assistive technologies ("Water
 * supply, tokyo-23: 12%").
 */
#define G_LOG_DOMAIN "odan-gui"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "odan-format.h"
#include "odan-sector-board.h"
#include "odan-situation-window.h"
#include "odan-time.h"

#define REFRESH_MS     500
#define RECENT_MINUTES 30.0
#define MAX_DELIVERIES 6
#define MAX_CHANGES    8

struct _OdanSituationWindow
{
  AdwApplicationWindow parent_instance;

  /* Template widgets */
  AdwHeaderBar   *header_bar;
  AdwWindowTitle *window_title;
  GtkLabel       *clock_label;
  GtkLabel       *local_label;
  GtkLabel       *phase_label;
  GtkLabel       *title_label;
  GtkStack       *model_stack;
  GtkGrid        *matrix;
  GtkBox         *deliveries_box;
  GtkBox         *changes_section;
  GtkBox         *changes_box;

  /* Owned */
  OdanExercise   *exercise;
  gboolean        follow;       /* a process of its own: sync and rebuild the model */
  OdanSim        *state;        /* with follow: the model at state_minute */
  double          state_minute;
  guint           state_events;
  guint           tick_id;
  char           *deliveries_key;   /* what the lists show, to rebuild them only on change */
  char           *changes_key;
  gboolean        show_model;
  gboolean        show_titles;

  /* The matrix: n_rows sectors × n_columns regions (the last one for nodes
   * without a region, when there are any); the labels belong to the grid. */
  guint           n_rows, n_columns;
  guint32        *row_sector;   /* per row: the sector */
  GtkLabel      **cells;        /* row × column, NULL where no node is */
};

G_DEFINE_FINAL_TYPE (OdanSituationWindow, odan_situation_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SHOW_MODEL,
  PROP_SHOW_TITLES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The model --------------------------------------------------------------- */

/* The model at the exercise's time: the console's live one, or with follow
 * one rebuilt from the log when the time or the log moved. */
static const OdanSim *
current_sim (OdanSituationWindow *self)
{
  double minute;

  if (!self->follow)
    return odan_exercise_get_sim (self->exercise);

  minute = odan_exercise_get_minute (self->exercise);
  if (self->state == NULL || self->state_minute != minute
      || self->state_events != odan_exercise_get_n_events (self->exercise))
    {
      g_clear_pointer (&self->state, odan_sim_free);
      self->state = odan_exercise_state_at (self->exercise, minute);
      self->state_minute = minute;
      self->state_events = odan_exercise_get_n_events (self->exercise);
    }
  return self->state;
}

static char *
format_percent (double value)
{
  /* Translators: a node's operability as a percentage, e.g. "45%" */
  return g_strdup_printf (_("%.0f%%"), floor (value * 100.0 + 0.5));
}

static const char *
region_name (const OdanPack *pack,
             guint32         region)
{
  /* Translators: the situation display's column for nodes that have no region */
  return region < pack->n_regions ? odan_pack_region_name (pack, region) : _("Elsewhere");
}

/* The matrix ---------------------------------------------------------------- */

static void
clear_matrix (OdanSituationWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->matrix))) != NULL)
    gtk_grid_remove (self->matrix, child);
  g_clear_pointer (&self->row_sector, g_free);
  g_clear_pointer (&self->cells, g_free);
  self->n_rows = self->n_columns = 0;
}

static guint
column_of (const OdanPack *pack,
           guint32         region)
{
  return region < pack->n_regions ? region : pack->n_regions;
}

static GtkWidget *
make_header (const char *text,
             const char *css_class,
             float       xalign)
{
  GtkWidget *label = gtk_label_new (text);

  /* never narrower than a short word: a small window scrolls instead */
  gtk_label_set_width_chars (GTK_LABEL (label), 7);
  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (label), 2);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 20);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, css_class);
  return label;
}

/* One row per sector with nodes, one column per region with nodes. */
static void
build_matrix (OdanSituationWindow *self)
{
  const OdanPack *pack = odan_exercise_get_pack (self->exercise);
  g_autofree gboolean *has_sector = g_new0 (gboolean, pack->n_sectors + 1);
  g_autofree gboolean *has_column = g_new0 (gboolean, pack->n_regions + 1);
  g_autofree int *grid_column = g_new0 (int, pack->n_regions + 1);
  g_autofree int *grid_row = g_new0 (int, pack->n_sectors + 1);
  int next_column = 1;

  clear_matrix (self);
  for (guint32 i = 0; i < pack->n_nodes; i++)
    {
      has_sector[pack->nodes[i].sector] = TRUE;
      has_column[column_of (pack, pack->nodes[i].region)] = TRUE;
    }

  self->n_columns = pack->n_regions + 1;
  for (guint c = 0; c < self->n_columns; c++)
    if (has_column[c])
      {
        grid_column[c] = next_column++;
        gtk_grid_attach (self->matrix, make_header (region_name (pack, c < pack->n_regions ? c : ODAN_NONE),
                                                    "matrix-region", 0.5),
                         grid_column[c], 0, 1, 1);
      }

  self->row_sector = g_new0 (guint32, MAX (pack->n_sectors, 1));
  for (guint32 s = 0; s < pack->n_sectors; s++)
    if (has_sector[s])
      {
        grid_row[s] = (int) self->n_rows + 1;
        self->row_sector[self->n_rows++] = s;
        gtk_grid_attach (self->matrix,
                         make_header (odan_pack_localized (pack->sectors[s].name, pack->sectors[s].name_ja),
                                      "matrix-sector", 0),
                         0, grid_row[s], 1, 1);
      }

  self->cells = g_new0 (GtkLabel *, MAX (pack->n_sectors * self->n_columns, 1));
  for (guint32 i = 0; i < pack->n_nodes; i++)
    {
      guint32 s = pack->nodes[i].sector;
      guint c = column_of (pack, pack->nodes[i].region);
      GtkLabel **cell = &self->cells[s * self->n_columns + c];

      if (*cell != NULL)
        continue;
      *cell = GTK_LABEL (gtk_label_new (NULL));
      gtk_widget_add_css_class (GTK_WIDGET (*cell), "matrix-cell");
      gtk_widget_set_hexpand (GTK_WIDGET (*cell), TRUE);
      gtk_widget_set_vexpand (GTK_WIDGET (*cell), TRUE);
      gtk_grid_attach (self->matrix, GTK_WIDGET (*cell), grid_column[c], grid_row[s], 1, 1);
    }
}

static void
set_level_class (GtkWidget  *widget,
                 const char *css_class)
{
  static const char *const classes[] = { "level-normal", "level-degraded", "level-impaired", "level-down" };

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    if (g_strcmp0 (classes[i], css_class) != 0)
      gtk_widget_remove_css_class (widget, classes[i]);
  gtk_widget_add_css_class (widget, css_class);
}

/* Each cell: the mean operability of its nodes, coloured by band. */
static void
update_matrix (OdanSituationWindow *self,
               const OdanSim       *sim)
{
  const OdanPack *pack = odan_exercise_get_pack (self->exercise);
  guint n = pack->n_sectors * self->n_columns;
  g_autofree double *sum = g_new0 (double, MAX (n, 1));
  g_autofree guint *count = g_new0 (guint, MAX (n, 1));

  for (guint32 i = 0; i < pack->n_nodes; i++)
    {
      guint k = pack->nodes[i].sector * self->n_columns + column_of (pack, pack->nodes[i].region);

      sum[k] += odan_sim_get_operability (sim, i);
      count[k]++;
    }

  for (guint k = 0; k < n; k++)
    {
      GtkLabel *cell = self->cells[k];
      const OdanSector *sector = &pack->sectors[k / self->n_columns];
      guint c = k % self->n_columns;
      double mean;
      g_autofree char *percent = NULL;
      g_autofree char *description = NULL;

      if (cell == NULL)
        continue;
      mean = sum[k] / count[k];
      percent = format_percent (mean);
      gtk_label_set_label (cell, percent);
      set_level_class (GTK_WIDGET (cell), odan_sector_board_level_class (mean));
      /* Translators: a cell of the situation display for screen readers:
       * sector, region and the mean operability, e.g. "Water supply, tokyo-23: 12%" */
      description = g_strdup_printf (_("%s, %s: %s"), odan_pack_localized (sector->name, sector->name_ja),
                                     region_name (pack, c < pack->n_regions ? c : ODAN_NONE), percent);
      gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
    }
}

/* The lists ----------------------------------------------------------------- */

static void
set_lines (GtkBox     *box,
           char      **key,
           GPtrArray  *lines,
           GPtrArray  *classes)
{
  g_autofree char *joined = NULL;
  GtkWidget *child;

  g_ptr_array_add (lines, NULL);
  joined = g_strjoinv ("\n", (char **) lines->pdata);
  g_ptr_array_remove_index (lines, lines->len - 1);
  if (*key != NULL && strcmp (*key, joined) == 0)
    return;
  g_free (*key);
  *key = g_steal_pointer (&joined);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
  for (guint i = 0; i < lines->len; i++)
    {
      GtkWidget *label = gtk_label_new (g_ptr_array_index (lines, i));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_lines (GTK_LABEL (label), 2);
      /* wrapped, not as wide as the text: the matrix takes the width */
      gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "situation-line");
      if (classes != NULL && g_ptr_array_index (classes, i) != NULL)
        gtk_widget_add_css_class (label, g_ptr_array_index (classes, i));
      gtk_box_append (box, label);
    }
}

static char *
describe_recipients (OdanSituationWindow *self,
                     const OdanEvent     *event)
{
  const OdanPack *pack = odan_exercise_get_pack (self->exercise);
  g_autoptr(GArray) teams = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GString) text = g_string_new (NULL);

  if (odan_event_is_to_all (event))
    return g_strdup (_("all teams"));
  odan_event_get_reached_teams (event, pack, teams);
  for (guint i = 0; i < teams->len && i < 3; i++)
    {
      const OdanTeam *team = &pack->teams[g_array_index (teams, guint32, i)];

      g_string_append_printf (text, "%s%s", i > 0 ? _(", ") : "", odan_pack_localized (team->name, team->name_ja));
    }
  if (teams->len > 3)
    /* Translators: after the first three recipients of a delivery: how many more */
    g_string_append_printf (text, _(" and %u more"), teams->len - 3);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The latest deliveries, newest first: time and recipients, and the title
 * when the facilitator shows titles. */
static void
update_deliveries (OdanSituationWindow *self)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = odan_exercise_get_n_events (self->exercise); i-- > 0 && lines->len < MAX_DELIVERIES;)
    {
      const OdanEvent *event = odan_exercise_get_event (self->exercise, i);
      g_autofree char *at = NULL;
      g_autofree char *to = NULL;

      if (event->kind != ODAN_EVENT_DELIVERY || !odan_event_reaches_teams (event))
        continue;
      at = odan_time_format_offset (event->minute);
      to = describe_recipients (self, event);
      if (self->show_titles && odan_event_get_title (event) != NULL)
        /* Translators: a delivery on the situation display: time, recipients, title */
        g_ptr_array_add (lines, g_strdup_printf (_("%s → %s: %s"), at, to,
                                                 odan_pack_localized (odan_event_get_title (event),
                                                                      odan_event_get_title_ja (event))));
      else
        /* Translators: a delivery on the situation display: time and recipients */
        g_ptr_array_add (lines, g_strdup_printf (_("%s → %s"), at, to));
    }
  if (lines->len == 0)
    g_ptr_array_add (lines, g_strdup (_("Nothing delivered yet")));
  set_lines (self->deliveries_box, &self->deliveries_key, lines, NULL);
}

typedef struct {
  guint32 node;
  double  since;
} Change;

static int
compare_changes (gconstpointer a,
                 gconstpointer b)
{
  const Change *ca = a, *cb = b;

  if (ca->since != cb->since)
    return ca->since > cb->since ? -1 : 1;
  return ca->node < cb->node ? -1 : ca->node > cb->node;
}

/* The nodes whose level changed in the last 30 minutes, newest first. */
static void
update_changes (OdanSituationWindow *self,
                const OdanSim       *sim)
{
  const OdanPack *pack = odan_exercise_get_pack (self->exercise);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) classes = g_ptr_array_new ();
  /* by the minute, as the clock shows it: it runs a fraction past */
  double now = floor (odan_sim_get_time (sim) + 1e-6);

  for (guint32 i = 0; i < pack->n_nodes; i++)
    {
      double since = odan_sim_get_since (sim, i);
      double value = odan_sim_get_operability (sim, i);
      Change change = { i, since };

      /* a node normal since the start never changed */
      if (since >= now - RECENT_MINUTES && since < now + 1 && (since > 0 || value < 0.99995))
        g_array_append_val (changes, change);
    }
  g_array_sort (changes, compare_changes);

  for (guint i = 0; i < changes->len && i < MAX_CHANGES; i++)
    {
      const Change *c = &g_array_index (changes, Change, i);
      const OdanNode *node = &pack->nodes[c->node];
      double value = odan_sim_get_operability (sim, c->node);
      g_autofree char *at = odan_time_format_offset (c->since);
      g_autofree char *percent = format_percent (value);

      /* Translators: a change on the situation display: time, node, its new level */
      g_ptr_array_add (lines, g_strdup_printf (_("%s %s → %s"), at,
                                               odan_pack_localized (node->name, node->name_ja), percent));
      g_ptr_array_add (classes, (gpointer) odan_sector_board_level_class (value));
    }
  if (changes->len > MAX_CHANGES)
    {
      g_ptr_array_add (lines, g_strdup_printf (ngettext ("and %u more", "and %u more", changes->len - MAX_CHANGES),
                                               changes->len - MAX_CHANGES));
      g_ptr_array_add (classes, NULL);
    }
  if (lines->len == 0)
    {
      g_ptr_array_add (lines, g_strdup (_("No change")));
      g_ptr_array_add (classes, NULL);
    }
  set_lines (self->changes_box, &self->changes_key, lines, classes);
}

/* Refresh ------------------------------------------------------------------- */

static void
update_clock (OdanSituationWindow *self)
{
  const OdanPack *pack = odan_exercise_get_pack (self->exercise);
  OdanClock *clock = odan_exercise_get_clock (self->exercise);
  double minute = odan_exercise_get_minute (self->exercise);
  g_autofree char *offset = odan_time_format_offset (minute);
  g_autofree char *local = NULL;
  g_autofree char *phase = NULL;

  if (pack->start != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_add_seconds (pack->start, floor (minute * 60.0));

      local = odan_format_date_time (now);
    }

  if (!odan_exercise_has_started (self->exercise))
    phase = g_strdup (_("Not started"));
  else if (odan_exercise_has_ended (self->exercise))
    phase = g_strdup (_("Ended"));
  else if (odan_clock_get_running (clock))
    /* Translators: the exercise's phase on the situation display, with the clock's speed, e.g. "Running ×10" */
    phase = g_strdup_printf (_("Running ×%g"), odan_clock_get_speed (clock));
  else
    phase = g_strdup (_("Paused"));

  gtk_label_set_label (self->clock_label, offset);
  gtk_label_set_label (self->local_label, local != NULL ? local : "");
  gtk_label_set_label (self->phase_label, phase);
}

void
odan_situation_window_refresh (OdanSituationWindow *self)
{
  const OdanSim *sim;

  g_return_if_fail (ODAN_IS_SITUATION_WINDOW (self));

  if (self->exercise == NULL)
    return;

  update_clock (self);
  update_deliveries (self);
  gtk_stack_set_visible_child_name (self->model_stack, self->show_model ? "model" : "hidden");
  gtk_widget_set_visible (GTK_WIDGET (self->changes_section), self->show_model);
  if (!self->show_model)
    return;
  sim = current_sim (self);
  update_matrix (self, sim);
  update_changes (self, sim);
}

static gboolean
tick (gpointer user_data)
{
  OdanSituationWindow *self = user_data;

  /* a display of its own reads what the console committed since */
  if (self->follow && !odan_exercise_is_following (self->exercise))
    {
      g_autoptr(GError) error = NULL;

      if (!odan_exercise_sync (self->exercise, &error))
        g_debug ("situation display: %s", error->message);
    }
  odan_situation_window_refresh (self);
  return G_SOURCE_CONTINUE;
}

static void
on_event_added (OdanSituationWindow *self)
{
  odan_situation_window_refresh (self);
}

/* Public API ------------------------------------------------------------------ */

OdanSituationWindow *
odan_situation_window_new (GtkApplication *application,
                           OdanExercise   *exercise,
                           gboolean        follow)
{
  OdanSituationWindow *self;
  const OdanPack *pack;
  const char *title;
  g_autofree char *window_title = NULL;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (ODAN_IS_EXERCISE (exercise), NULL);

  pack = odan_exercise_get_pack (exercise);
  title = odan_pack_localized (pack->title, pack->title_ja);
  /* Translators: the situation display's window title, with the exercise's */
  window_title = g_strdup_printf (_("Situation Display — %s"), title);
  self = g_object_new (ODAN_TYPE_SITUATION_WINDOW,
                       "application", application,
                       "title", window_title,
                       NULL);
  self->exercise = g_object_ref (exercise);
  self->follow = follow;
  self->show_model = pack->team_view_model;
  adw_window_title_set_subtitle (self->window_title, title);
  gtk_label_set_label (self->title_label, title);

  build_matrix (self);
  g_signal_connect_object (exercise, "event-added", G_CALLBACK (on_event_added), self, G_CONNECT_SWAPPED);
  if (follow)
    odan_exercise_follow (exercise);
  self->tick_id = g_timeout_add (REFRESH_MS, tick, self);
  odan_situation_window_refresh (self);

  return self;
}

OdanExercise *
odan_situation_window_get_exercise (OdanSituationWindow *self)
{
  g_return_val_if_fail (ODAN_IS_SITUATION_WINDOW (self), NULL);

  return self->exercise;
}

const char *
odan_situation_window_get_clock_text (OdanSituationWindow *self)
{
  g_return_val_if_fail (ODAN_IS_SITUATION_WINDOW (self), NULL);

  return gtk_label_get_label (self->clock_label);
}

const char *
odan_situation_window_get_phase_text (OdanSituationWindow *self)
{
  g_return_val_if_fail (ODAN_IS_SITUATION_WINDOW (self), NULL);

  return gtk_label_get_label (self->phase_label);
}

GtkWidget *
odan_situation_window_get_cell (OdanSituationWindow *self,
                                guint32              sector,
                                guint32              region)
{
  const OdanPack *pack;

  g_return_val_if_fail (ODAN_IS_SITUATION_WINDOW (self), NULL);

  pack = odan_exercise_get_pack (self->exercise);
  if (!self->show_model || sector >= pack->n_sectors || (region != ODAN_NONE && region >= pack->n_regions))
    return NULL;
  return GTK_WIDGET (self->cells[sector * self->n_columns + column_of (pack, region)]);
}

static char *
box_text (GtkBox *box)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    g_string_append_printf (text, "%s\n", gtk_label_get_label (GTK_LABEL (child)));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
odan_situation_window_get_deliveries_text (OdanSituationWindow *self)
{
  g_return_val_if_fail (ODAN_IS_SITUATION_WINDOW (self), NULL);

  return box_text (self->deliveries_box);
}

char *
odan_situation_window_get_changes_text (OdanSituationWindow *self)
{
  g_return_val_if_fail (ODAN_IS_SITUATION_WINDOW (self), NULL);

  return self->show_model ? box_text (self->changes_box) : g_strdup ("");
}

/* GObject ------------------------------------------------------------------- */

static void
toggle_fullscreen (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GtkWindow *window = GTK_WINDOW (widget);

  if (gtk_window_is_fullscreen (window))
    gtk_window_unfullscreen (window);
  else
    gtk_window_fullscreen (window);
}

static void
leave_fullscreen (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  gtk_window_unfullscreen (GTK_WINDOW (widget));
}

/* Full screen is for the room: no header bar. */
static void
on_fullscreened (OdanSituationWindow *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->header_bar), !gtk_window_is_fullscreen (GTK_WINDOW (self)));
}

static void
odan_situation_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  OdanSituationWindow *self = ODAN_SITUATION_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SHOW_MODEL:
      g_value_set_boolean (value, self->show_model);
      break;
    case PROP_SHOW_TITLES:
      g_value_set_boolean (value, self->show_titles);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
odan_situation_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  OdanSituationWindow *self = ODAN_SITUATION_WINDOW (object);
  gboolean *field;

  switch (prop_id)
    {
    case PROP_SHOW_MODEL:
      field = &self->show_model;
      break;
    case PROP_SHOW_TITLES:
      field = &self->show_titles;
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  if (*field == g_value_get_boolean (value))
    return;
  *field = g_value_get_boolean (value);
  odan_situation_window_refresh (self);
  g_object_notify_by_pspec (object, pspec);
}

static void
odan_situation_window_dispose (GObject *object)
{
  OdanSituationWindow *self = ODAN_SITUATION_WINDOW (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->matrix != NULL)
    clear_matrix (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), ODAN_TYPE_SITUATION_WINDOW);
  g_clear_pointer (&self->state, odan_sim_free);
  g_clear_pointer (&self->deliveries_key, g_free);
  g_clear_pointer (&self->changes_key, g_free);
  g_clear_object (&self->exercise);

  G_OBJECT_CLASS (odan_situation_window_parent_class)->dispose (object);
}

static void
odan_situation_window_class_init (OdanSituationWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = odan_situation_window_dispose;
  object_class->get_property = odan_situation_window_get_property;
  object_class->set_property = odan_situation_window_set_property;

  properties[PROP_SHOW_MODEL] =
    g_param_spec_boolean ("show-model", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_TITLES] =
    g_param_spec_boolean ("show-titles", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/jp/odan/Odan/odan-situation-window.ui");
  gtk_widget_class_bind_template_child (widget_class, OdanSituationWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, OdanSituationWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, OdanSituationWindow, clock_label);
  gtk_widget_class_bind_template_child (widget_class, OdanSituationWindow, local_label);
  gtk_widget_class_bind_template_child (widget_class, OdanSituationWindow, phase_label);
  gtk_widget_class_bind_template_child (widget_class, OdanSituationWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, OdanSituationWindow, model_stack);
  gtk_widget_class_bind_template_child (widget_class, OdanSituationWindow, matrix);
  gtk_widget_class_bind_template_child (widget_class, OdanSituationWindow, deliveries_box);
  gtk_widget_class_bind_template_child (widget_class, OdanSituationWindow, changes_section);
  gtk_widget_class_bind_template_child (widget_class, OdanSituationWindow, changes_box);

  gtk_widget_class_install_property_action (widget_class, "situation.show-model", "show-model");
  gtk_widget_class_install_property_action (widget_class, "situation.show-titles", "show-titles");
  gtk_widget_class_install_action (widget_class, "situation.fullscreen", NULL, toggle_fullscreen);
  gtk_widget_class_install_action (widget_class, "situation.leave-fullscreen", NULL, leave_fullscreen);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "situation.fullscreen", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "situation.leave-fullscreen", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK, "situation.show-model", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "situation.show-titles", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
odan_situation_window_init (OdanSituationWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (self, "notify::fullscreened", G_CALLBACK (on_fullscreened), NULL);
}
