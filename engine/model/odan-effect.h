/* odan-effect.h — the effects that injects and mitigations carry
 *
 *   set NODE VALUE [for DURATION]     restore NODE
 *   floor NODE VALUE [for DURATION]   buffer P->D +DURATION
 *   strength P->D *FACTOR            priority P->D N
 *   units POOL [+]N
 *
 * several joined by ';'. NODE may be a selector: sector=S, region=R or
 * sector=S,region=R. Parsing happens in two steps: odan_effects_parse() checks
 * the syntax alone; odan_effects_resolve() (in odan-pack.h) binds names to a
 * pack and expands selectors into node indices.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ODAN_EFFECT_ERROR (odan_effect_error_quark ())

typedef enum {
  ODAN_EFFECT_ERROR_SYNTAX,
  ODAN_EFFECT_ERROR_UNKNOWN_NODE,
  ODAN_EFFECT_ERROR_UNKNOWN_EDGE,
  ODAN_EFFECT_ERROR_RANGE,
  ODAN_EFFECT_ERROR_UNKNOWN_POOL,
} OdanEffectError;

GQuark odan_effect_error_quark (void);

typedef enum {
  ODAN_EFFECT_SET,
  ODAN_EFFECT_RESTORE,
  ODAN_EFFECT_FLOOR,
  ODAN_EFFECT_BUFFER,
  ODAN_EFFECT_STRENGTH,
  ODAN_EFFECT_PRIORITY,       /* the resupply priority of an edge (SEMANTICS.md §14.4) */
  ODAN_EFFECT_UNITS,          /* units added to a pool */
} OdanEffectKind;

#define ODAN_EFFECT_MAX_UNITS    100000
#define ODAN_EFFECT_MAX_PRIORITY 999

typedef struct {
  OdanEffectKind kind;
  char          *text;         /* this effect's own text, trimmed, for explanations */

  /* Unresolved target, as written. For node effects either node or a selector
   * (sector and/or region, the other NULL); for edge effects provider/dependent. */
  char          *node;
  char          *sector;
  char          *region;
  char          *provider;
  char          *dependent;
  char          *pool;         /* units: the pool's id */

  double         value;        /* set/floor: level; buffer: minutes; strength: factor;
                                * priority: the priority; units: how many */
  double         duration;     /* set/floor "for DURATION"; < 0 when open-ended */

  /* Filled by odan_effects_resolve(). */
  guint32       *nodes;        /* matching node indices, ascending */
  guint32        n_nodes;
  guint32        edge;         /* edge index for buffer/strength/priority */
  guint32        pool_index;   /* units: the pool's index */
} OdanEffect;

void odan_effect_clear (OdanEffect *effect);

/* Whether @effect names an edge (buffer, strength, priority) rather than
 * nodes or a pool. */
static inline gboolean
odan_effect_on_edge (const OdanEffect *effect)
{
  return effect->kind == ODAN_EFFECT_BUFFER || effect->kind == ODAN_EFFECT_STRENGTH
         || effect->kind == ODAN_EFFECT_PRIORITY;
}

/* Parses @text into a new array of OdanEffect (element-free set). An empty or
 * blank text gives an empty array. */
GArray *odan_effects_parse (const char *text,
                            GError    **error);

G_END_DECLS
