/* odan-timeline-item.h — one row of the review's timeline: an event of the log or an impact */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What a row is, for the timeline's category filter. */
typedef enum {
  ODAN_TIMELINE_INJECT,        /* a delivery, a skip or a reschedule */
  ODAN_TIMELINE_ACK,
  ODAN_TIMELINE_DECISION,
  ODAN_TIMELINE_MITIGATION,
  ODAN_TIMELINE_OBSERVATION,
  ODAN_TIMELINE_IMPACT,        /* the engine's: a sector's mean operability crossed a band */
  ODAN_TIMELINE_CLOCK,
} OdanTimelineKind;

#define ODAN_TYPE_TIMELINE_ITEM (odan_timeline_item_get_type ())

G_DECLARE_FINAL_TYPE (OdanTimelineItem, odan_timeline_item, ODAN, TIMELINE_ITEM, GObject)

/* A row at @minute; @order breaks ties between rows of the same minute
 * (the event's id; impacts after the events of their minute). @teams and
 * @sectors (may be NULL) list the team and sector indices it concerns, in
 * arrays of guint32 (copied). @category is the decision's OdanCategory, or
 * -1. */
OdanTimelineItem *odan_timeline_item_new (OdanTimelineKind  kind,
                                          int               category,
                                          double            minute,
                                          gint64            order,
                                          const char       *kind_text,
                                          const char       *team_text,
                                          const char       *summary,
                                          const GArray     *teams,
                                          const GArray     *sectors);

OdanTimelineKind odan_timeline_item_get_kind      (OdanTimelineItem *self);
int              odan_timeline_item_get_category  (OdanTimelineItem *self);
double           odan_timeline_item_get_minute    (OdanTimelineItem *self);
gint64           odan_timeline_item_get_order     (OdanTimelineItem *self);
const char      *odan_timeline_item_get_time_text (OdanTimelineItem *self);
const char      *odan_timeline_item_get_kind_text (OdanTimelineItem *self);
const char      *odan_timeline_item_get_team_text (OdanTimelineItem *self);
const char      *odan_timeline_item_get_summary   (OdanTimelineItem *self);
/* Whether it concerns team/sector @index. */
gboolean         odan_timeline_item_has_team      (OdanTimelineItem *self,
                                                   guint32           team);
gboolean         odan_timeline_item_has_sector    (OdanTimelineItem *self,
                                                   guint32           sector);
/* Whether @needle (casefolded) is in its texts. */
gboolean         odan_timeline_item_matches       (OdanTimelineItem *self,
                                                   const char       *needle);

G_END_DECLS
