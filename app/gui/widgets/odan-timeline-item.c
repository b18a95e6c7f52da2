/* odan-timeline-item.c — one row of the review's timeline: an event of the log or an impact
 *
 * Plain data for the review page's GtkColumnView: the texts are made once,
 * in the interface's language, when the row is built; the team and sector
 * indices it concerns serve the page's filters.
 */
#define G_LOG_DOMAIN "odan-gui"

#include <string.h>

#include "odan-time.h"
#include "odan-timeline-item.h"

struct _OdanTimelineItem
{
  GObject           parent_instance;

  OdanTimelineKind  kind;
  int               category;
  double            minute;
  gint64            order;
  char             *time_text;
  char             *kind_text;
  char             *team_text;
  char             *summary;
  char             *search_text;   /* every text, casefolded */
  GArray           *teams;         /* guint32 */
  GArray           *sectors;       /* guint32 */
};

G_DEFINE_FINAL_TYPE (OdanTimelineItem, odan_timeline_item, G_TYPE_OBJECT)

static void
odan_timeline_item_finalize (GObject *object)
{
  OdanTimelineItem *self = ODAN_TIMELINE_ITEM (object);

  g_free (self->time_text);
  g_free (self->kind_text);
  g_free (self->team_text);
  g_free (self->summary);
  g_free (self->search_text);
  g_array_unref (self->teams);
  g_array_unref (self->sectors);

  G_OBJECT_CLASS (odan_timeline_item_parent_class)->finalize (object);
}

static void
odan_timeline_item_class_init (OdanTimelineItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = odan_timeline_item_finalize;
}

static void
odan_timeline_item_init (OdanTimelineItem *self)
{
}

static GArray *
copy_indices (const GArray *indices)
{
  GArray *copy = g_array_new (FALSE, FALSE, sizeof (guint32));

  if (indices != NULL)
    g_array_append_vals (copy, indices->data, indices->len);
  return copy;
}

OdanTimelineItem *
odan_timeline_item_new (OdanTimelineKind  kind,
                        int               category,
                        double            minute,
                        gint64            order,
                        const char       *kind_text,
                        const char       *team_text,
                        const char       *summary,
                        const GArray     *teams,
                        const GArray     *sectors)
{
  OdanTimelineItem *self = g_object_new (ODAN_TYPE_TIMELINE_ITEM, NULL);
  g_autofree char *all = NULL;

  self->kind = kind;
  self->category = category;
  self->minute = minute;
  self->order = order;
  self->time_text = odan_time_format_offset (minute);
  self->kind_text = g_strdup (kind_text != NULL ? kind_text : "");
  self->team_text = g_strdup (team_text != NULL ? team_text : "");
  self->summary = g_strdup (summary != NULL ? summary : "");
  self->teams = copy_indices (teams);
  self->sectors = copy_indices (sectors);

  all = g_strjoin ("\n", self->time_text, self->kind_text, self->team_text, self->summary, NULL);
  self->search_text = g_utf8_casefold (all, -1);
  return self;
}

OdanTimelineKind
odan_timeline_item_get_kind (OdanTimelineItem *self)
{
  return self->kind;
}

int
odan_timeline_item_get_category (OdanTimelineItem *self)
{
  return self->category;
}

double
odan_timeline_item_get_minute (OdanTimelineItem *self)
{
  return self->minute;
}

gint64
odan_timeline_item_get_order (OdanTimelineItem *self)
{
  return self->order;
}

const char *
odan_timeline_item_get_time_text (OdanTimelineItem *self)
{
  return self->time_text;
}

const char *
odan_timeline_item_get_kind_text (OdanTimelineItem *self)
{
  return self->kind_text;
}

const char *
odan_timeline_item_get_team_text (OdanTimelineItem *self)
{
  return self->team_text;
}

const char *
odan_timeline_item_get_summary (OdanTimelineItem *self)
{
  return self->summary;
}

static gboolean
contains (const GArray *indices,
          guint32       index)
{
  for (guint i = 0; i < indices->len; i++)
    if (g_array_index (indices, guint32, i) == index)
      return TRUE;
  return FALSE;
}

gboolean
odan_timeline_item_has_team (OdanTimelineItem *self,
                             guint32           team)
{
  g_return_val_if_fail (ODAN_IS_TIMELINE_ITEM (self), FALSE);

  return contains (self->teams, team);
}

gboolean
odan_timeline_item_has_sector (OdanTimelineItem *self,
                               guint32           sector)
{
  g_return_val_if_fail (ODAN_IS_TIMELINE_ITEM (self), FALSE);

  return contains (self->sectors, sector);
}

gboolean
odan_timeline_item_matches (OdanTimelineItem *self,
                            const char       *needle)
{
  g_return_val_if_fail (ODAN_IS_TIMELINE_ITEM (self), FALSE);

  return needle == NULL || needle[0] == '\0' || strstr (self->search_text, needle) != NULL;
}
