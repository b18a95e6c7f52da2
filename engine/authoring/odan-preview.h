/* odan-preview.h — the scenario run before the day, without decisions
 *
 * Runs the pack's model with its injects and no mitigation, and reports on
 * a timeline: for each sector when it first degrades (operability below 1
 * at some node), each span during which it is degraded, and when it is at
 * its worst (the lowest mean operability of its nodes); for each inject
 * the sectors it talks about — found by keywords (the sector's id and
 * names plus a bilingual table of synonyms: 停電/blackout for power,
 * 断水/water for water …) and by the targets of its own effect — and
 * whether it announces an outage before the model has one (flagged), or
 * long after the sector recovered (a note).
 *
 * Everything is plain structs for a UI to draw.
 */
#pragma once

#include <glib.h>
#include "odan-pack.h"
#include "odan-sim-runs.h"

G_BEGIN_DECLS

/* An inject speaking of an outage this long after the sector came back
 * gets a note. */
#define ODAN_PREVIEW_LATE_MINUTES 180.0

/* Runs behind the preview's bands, and their seed: the same picture every
 * time the same pack is previewed. */
#define ODAN_PREVIEW_RUNS 200
#define ODAN_PREVIEW_SEED 0

typedef struct {
  double start;       /* minutes after T0 */
  double end;         /* when it is back at 1, or < 0 when not before the end */
} OdanPreviewSpan;

typedef struct {
  guint32          sector;          /* index into the pack's sectors */
  double           first_degraded;  /* < 0 when never */
  double           worst_time;      /* < 0 when never degraded */
  double           worst_level;     /* lowest mean operability of its nodes (1 when never) */
  OdanPreviewSpan *spans;
  guint            n_spans;
} OdanPreviewSector;

typedef enum {
  ODAN_PREVIEW_TIMING_NONE,    /* not an outage mention: nothing to check */
  ODAN_PREVIEW_TIMING_OK,      /* the model has the outage then, or it just ended */
  ODAN_PREVIEW_TIMING_EARLY,   /* announced before the model has it (flag) */
  ODAN_PREVIEW_TIMING_LATE,    /* long after the sector recovered (note) */
} OdanPreviewTiming;

typedef struct {
  guint32           sector;
  gboolean          by_keyword;   /* its text names the sector */
  gboolean          by_effect;    /* its own effect targets the sector's nodes */
  gboolean          outage;       /* its text speaks of an outage there */
  OdanPreviewTiming timing;
  double            reference;    /* EARLY: when the sector next degrades (< 0 never);
                                     LATE: when it recovered; else -1 */
  char             *keyword;      /* the word found, or NULL */
} OdanPreviewMention;

typedef struct {
  guint32             inject;     /* index into the pack's injects */
  double              time;
  OdanPreviewMention *mentions;   /* in sector order */
  guint               n_mentions;
  gboolean            flagged;    /* some mention is EARLY */
  gboolean            noted;      /* some mention is LATE */
} OdanPreviewInject;

typedef struct {
  const OdanPack    *pack;
  double             until;
  OdanPreviewSector *sectors;     /* one per pack sector, in pack order */
  guint              n_sectors;
  OdanPreviewInject *injects;     /* one per inject, in file order */
  guint              n_injects;
  /* When the pack folder has uncertain values (uncertainty.csv, without
   * errors): each sector's mean operability over ODAN_PREVIEW_RUNS runs as
   * p10/p50/p90 (engine/SEMANTICS.md §12), rows by sector index; else NULL. */
  OdanRuns          *bands;
} OdanPreview;

/* Runs the model of @pack (which must outlive the result) up to @until
 * minutes (the scenario's duration when < 0). */
OdanPreview *odan_preview_run  (const OdanPack *pack,
                                double          until);
void         odan_preview_free (OdanPreview *preview);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OdanPreview, odan_preview_free)

G_END_DECLS
