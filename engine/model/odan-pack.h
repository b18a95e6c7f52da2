/* odan-pack.h — a scenario pack: scenario.ini plus CSV files, loaded and validated
 *
 * A pack is loaded whole or not at all: odan_pack_load() collects every
 * problem in one pass as OdanDiagnostic (FILE:LINE: message) and returns NULL
 * if any of them is an error. Warnings (e.g. a selector that matches nothing)
 * do not stop the load.
 *
 * Layout: plain arrays indexed by position. Nodes, edges and the rest refer to
 * each other by index (guint32), never by pointer, so the simulator can use
 * the same arrays on its hot path. Strings of the big tables (edge sources and
 * groups) are interned in one GStringChunk.
 *
 * Ownership: every string of the tables (ids, names, regions, groups,
 * sources, extra values…) lives in @strings and is freed with it; the
 * arrays, each row's `extra` array, `to` and `effects` belong to the pack;
 * the scenario.ini strings and @path are g_malloc()ed. odan_pack_free()
 * releases all of it.
 */
#pragma once

#include <glib.h>
#include "odan-diagnostic.h"
#include "odan-effect.h"

G_BEGIN_DECLS

#define ODAN_PACK_ERROR (odan_pack_error_quark ())

typedef enum {
  ODAN_PACK_ERROR_INVALID,   /* the pack has errors; see the diagnostics */
  ODAN_PACK_ERROR_IO,        /* a file cannot be read */
} OdanPackError;

GQuark odan_pack_error_quark (void);

#define ODAN_NONE G_MAXUINT32   /* "no index" in guint32 fields */

typedef enum {
  ODAN_DEP_PHYSICAL,
  ODAN_DEP_CYBER,
  ODAN_DEP_GEOGRAPHIC,
  ODAN_DEP_LOGICAL,
} OdanDepType;

/* Columns a file has beyond the ones Odan knows are kept, so a pack written
 * back loses nothing: names in the table, values per row (NULL when empty).
 * @header is the file's whole header as read (trimmed names in file order,
 * known and extra), so a writer keeps the columns and their order; NULL
 * when the file is absent. */
typedef struct {
  guint   n_columns;
  char  **names;
  char  **header;
} OdanExtraColumns;

typedef struct {
  char   *id;
  char   *name;
  char   *name_ja;        /* column name_ja, optional */
  char   *ministry;       /* column ministry (所管省庁), optional */
  char  **extra;
  guint   line;
} OdanSector;

typedef struct {
  char    *id;
  guint32  sector;        /* index into sectors */
  guint32  region;        /* index into regions, or ODAN_NONE */
  char    *name;
  char    *name_ja;
  guint32  team;          /* owning team index, or ODAN_NONE */
  char    *notes;
  char    *notes_ja;      /* column notes_ja, optional */
  char   **extra;
  guint    line;
} OdanNode;

/* 64 bytes: on a large model a million of these are the biggest part of the
 * pack, so the line and the type share a word and extra values live in
 * one block beside the array (odan_pack_edge_extra()). */
typedef struct {
  guint32     provider;   /* node index */
  guint32     dependent;  /* node index */
  guint32     group;      /* index into groups, or ODAN_NONE for a group of its own */
  guint       line : 29;
  OdanDepType type : 3;
  double      strength;   /* [0, 1] */
  double      buffer;     /* minutes, >= 0 */
  double      lag;        /* minutes, >= 0 */
  double      restart;    /* minutes, >= 0 */
  double      coverage;   /* (0, 1] */
  const char *source;     /* interned citation, or NULL */
} OdanEdge;

typedef struct {
  char    *id;
  char    *name;
  char    *name_ja;
  guint32  sector;        /* index or ODAN_NONE */
  char    *ceptoar;
  char    *contact;       /* contact means, e.g. "メール;電話;FAX" */
  char   **extra;
  guint    line;
  char    *role;          /* column role, optional: "nisc", "ministry", "ceptoar"
                           * (a CEPTOAR's secretariat) or any other word; NULL */
  guint32  member_of;     /* column member_of: the CEPTOAR team (secretariat or
                           * council) this team is a member of, or ODAN_NONE */
  /* A CEPTOAR's simulated member operators (engine/EXERCISE.md,
   * "Members who are not teams"): how many, and their answers' law */
  guint    members;          /* 0: none */
  double   member_received;  /* median minutes from delivery to receipt */
  double   member_read;      /* median minutes from receipt to reading; 0: no reads */
  double   member_spread;    /* log-normal sigma */
  double   member_silent;    /* share that never answers, [0, 1] */
} OdanTeam;

typedef struct {
  char     *id;
  double    time;         /* minutes after T0 */
  char     *time_text;    /* as written */
  gboolean  to_all;
  guint32  *to;           /* team indices (empty when to_all) */
  guint     n_to;
  char     *title;
  char     *title_ja;
  char     *from;
  char     *channel;
  char     *body;
  char     *expected_action;
  char     *objective;
  char     *from_ja;      /* the language twins of from, body, expected_action */
  char     *body_ja;      /* and objective: what participants read in Japanese */
  char     *expected_action_ja;
  char     *objective_ja;
  char     *sharing;      /* sharing level (e.g. TLP), optional */
  /* HSEEP's MSEL: the kind of event (e.g. "Contingency", "Expected action"),
   * the controller who delivers it and what evaluators watch for; the
   * control cell's, never delivered to teams. Optional. */
  char     *event_type;
  char     *controller;
  char     *evaluator_instructions;
  char     *effect_text;
  GArray   *effects;      /* OdanEffect, resolved */
  char    **extra;
  guint     line;
} OdanInject;

typedef struct {
  char    *id;
  char    *label;
  char    *label_ja;
  guint32  team;          /* team that may choose it, or ODAN_NONE for any */
  double   delay;         /* minutes between the decision and the effect */
  char    *effect_text;
  GArray  *effects;       /* OdanEffect, resolved */
  char   **extra;
  guint    line;
  guint32  pool;          /* index into pools it draws from, or ODAN_NONE */
  guint    uses;          /* units it takes from the pool (0 without a pool) */
} OdanMitigation;

/* A limited resource that mitigations draw from (pools.csv): mobile power
 * vehicles, fuel trucks, water trucks… */
typedef struct {
  char    *id;
  char    *name;
  char    *name_ja;
  guint    capacity;      /* units available at T0 */
  char   **extra;
  guint    line;
} OdanPool;

/* The time a message takes on one channel (relay.csv, optional): a forward
 * sent by this channel reaches its recipients this much later. */
typedef struct {
  char    *channel;       /* as teams and decisions name it: メール, FAX, 電話… */
  double   latency;       /* minutes, >= 0 */
  char   **extra;
  guint    line;
} OdanRelay;

/* What meets a reporting deadline. */
typedef enum {
  ODAN_DEADLINE_DECISION,   /* a decision of @category (and @stage, when set) */
  ODAN_DEADLINE_RECEIVED,   /* an acknowledgement (received or read) of the trigger */
  ODAN_DEADLINE_READ,       /* a read acknowledgement of the trigger */
} OdanDeadlineKind;

/* An expected deadline (deadlines.csv, optional): when the trigger inject
 * reaches a team, that team owes a decision or an acknowledgement within
 * @within minutes (engine/EXERCISE.md, "Deadlines"). */
typedef struct {
  char             *id;
  guint32           trigger;   /* inject index */
  guint32           team;      /* team index, or ODAN_NONE for every recipient of
                                * the trigger (column team = "to") */
  OdanDeadlineKind  kind;
  guint             category;  /* OdanCategory (odan-decisions.h), for DECISION */
  guint             stage;     /* OdanReportStage; 0 (NONE) when any stage will do */
  double            within;    /* minutes, > 0 */
  char             *label;
  char             *label_ja;
  char            **extra;
  guint             line;
  char             *role;       /* column role: for team=to, only recipients of this
                                 * role ("members": simulated members); NULL: all */
  char             *recipients; /* column recipients: an information-sharing decision
                                 * meets it only forwarding the trigger to this; NULL */
} OdanDeadline;

/* The names of a region (regions.csv, optional): nodes.csv's region
 * column holds the id, people read the name. */
typedef struct {
  char    *id;
  char    *name;
  char    *name_ja;
  guint32  region;        /* index into regions, or ODAN_NONE when no node is there */
  char   **extra;
  guint    line;
} OdanRegion;

/* Deliveries that refill one edge's buffer (resupply.csv, optional;
 * SEMANTICS.md §14): trucks from one pool, loads from another, over a route
 * of nodes that must work when a truck leaves. Durations in minutes. */
typedef struct {
  guint32  edge;          /* index into edges */
  guint32  trucks;        /* pool index */
  guint32  stock;         /* pool index, or ODAN_NONE: an unlimited source */
  double   load;          /* minutes of backup one delivery adds, > 0 */
  double   capacity;      /* most the buffer holds after a delivery, >= load */
  double   reorder;       /* a delivery is needed at this level or below */
  double   travel;        /* dispatch to arrival, > 0 */
  double   turnaround;    /* dispatch to the truck's return, >= travel */
  guint32 *route;         /* node indices that must be at route_min or more */
  guint    n_route;
  double   route_min;     /* (0, 1] */
  guint    priority;      /* higher first; priority effects change it */
  char    *source;
  char   **extra;
  guint    line;
} OdanResupply;

typedef struct _OdanPack OdanPack;

struct _OdanPack
{
  char        *path;        /* the pack folder */

  /* scenario.ini, group [scenario] */
  char        *id;
  char        *title;
  char        *title_ja;
  char        *description;
  char        *description_ja;
  GDateTime   *start;       /* T0 with the scenario's offset */
  double       duration;    /* minutes */
  /* HSEEP's exercise overview, each with its Japanese twin; NULL when not
   * given. The mission areas are HSEEP's words (odan_mission_area_is_valid()),
   * separated by ';' or ','. */
  char        *mission_area;
  char        *mission_area_ja;
  char        *threat_hazard;
  char        *threat_hazard_ja;
  char        *sponsor;
  char        *sponsor_ja;
  char        *poc;         /* point of contact: name, organisation, phone or mail */
  char        *poc_ja;

  OdanSector     *sectors;     guint n_sectors;
  char          **regions;     guint n_regions;   /* distinct region names, first-seen order */
  OdanNode       *nodes;       guint n_nodes;
  OdanEdge       *edges;       guint n_edges;     /* in file order */
  char          **groups;      guint n_groups;    /* distinct group names */
  OdanTeam       *teams;       guint n_teams;
  OdanInject     *injects;     guint n_injects;   /* in file order */
  OdanMitigation *mitigations; guint n_mitigations;
  OdanPool       *pools;       guint n_pools;
  OdanRelay      *relays;      guint n_relays;      /* relay.csv, file order */
  OdanDeadline   *deadlines;   guint n_deadlines;   /* deadlines.csv, file order */
  OdanRegion     *region_rows; guint n_region_rows; /* regions.csv, file order */
  guint32        *region_row;  /* per region: its regions.csv row, or ODAN_NONE */
  OdanResupply   *resupplies;  guint n_resupplies;  /* resupply.csv, file order */
  guint32        *edge_resupply; /* per edge: its resupply row, or ODAN_NONE; NULL without rows */

  /* scenario.ini key team-view-model (default false): teams may see the
   * model's node states in their own view, at the view's time */
  gboolean     team_view_model;
  /* scenario.ini key seed (default 0): seeds the simulated members' answers */
  guint        seed;

  /* Loaded by odan_pack_load_team_slice(): what a team's connection to a
   * shared exercise may read. Its injects are only those it has learnt of
   * (odan_pack_learn_inject()), each an id and nothing else. */
  gboolean     team_slice;

  OdanExtraColumns sector_extra, node_extra, edge_extra, team_extra,
                   inject_extra, mitigation_extra, pool_extra,
                   relay_extra, deadline_extra, region_extra, resupply_extra;
  const char     **edge_extra_values;  /* n_edges × edge_extra.n_columns, interned; NULL without extra columns */
  /* column restart_below per edge (0 when empty): kept beside the edges,
   * which stay 64 bytes; NULL when dependencies.csv has no such column */
  double          *edge_restart_below;

  /* Edges by dependent, each run sorted by provider index: the edges into
   * node d are edges[in_edges[in_start[d]] .. in_edges[in_start[d+1]-1]]. */
  guint32     *in_start;    /* n_nodes + 1 */
  guint32     *in_edges;    /* n_edges */

  /* The loader's id indexes, kept for the odan_pack_find_*() lookups:
   * id → index + 1 (GUINT_TO_POINTER); relay_index by channel. */
  GHashTable  *node_index;
  GHashTable  *sector_index;
  GHashTable  *team_index;
  GHashTable  *inject_index;
  GHashTable  *mitigation_index;
  GHashTable  *pool_index;
  GHashTable  *deadline_index;
  GHashTable  *relay_index;
  GStringChunk *strings;
};

/* Loads and validates the pack folder at @path. Every problem found, errors
 * and warnings, is appended to @diagnostics (OdanDiagnostic*, may be NULL)
 * in file then line order. Returns NULL with ODAN_PACK_ERROR_INVALID when
 * any error was found. */
OdanPack *odan_pack_load (const char *path,
                          GPtrArray  *diagnostics,
                          GError    **error);
void      odan_pack_free (OdanPack *pack);

/* The same as odan_pack_load() for a pack held in memory (an exercise file
 * embeds the pack it was started from): @files maps a file name such as
 * "nodes.csv" to its contents (GBytes). @name stands for the folder in
 * messages and becomes the pack's path. */
OdanPack *odan_pack_load_from_files (const char *name,
                                     GHashTable *files,
                                     GPtrArray  *diagnostics,
                                     GError    **error);

/* Every file at the top of pack folder @dir (hidden files, editor backups
 * "…~" and subfolders left out): file name → GBytes, as
 * odan_pack_load_from_files() takes them and an exercise file embeds them. */
GHashTable *odan_pack_read_folder (const char  *dir,
                                   GError     **error);

/* The part of a pack a sector team's connection to a shared exercise may
 * read (engine/EXERCISE.md, "Multi-site exercises on PostgreSQL"), in
 * memory like odan_pack_load_from_files(). scenario.ini, sectors.csv and
 * teams.csv are required as in a whole pack; nodes.csv, dependencies.csv,
 * injects.csv and pools.csv may be absent, giving an empty model, an
 * empty MSEL and no pools. Then references into an absent table are not
 * checked: a mitigation's effects on nodes are dropped (the team never
 * computes them), its pool is left unresolved (ODAN_NONE), and a
 * deadline's trigger becomes an inject known by its id only. Every table
 * that is present is validated as in a whole pack. */
OdanPack *odan_pack_load_team_slice (const char *name,
                                     GHashTable *files,
                                     GPtrArray  *diagnostics,
                                     GError    **error);

/* In a team's slice: the index of inject @id, added with its id only
 * (title = id, time INFINITY, no recipients, no effects) when it is not
 * there yet, as the team learns of it from a delivery. Appending moves
 * pack->injects: take no pointers into it across a call. */
guint32   odan_pack_learn_inject (OdanPack   *pack,
                                  const char *id);

/* TRUE for one of HSEEP's mission areas (Prevention, Protection,
 * Mitigation, Response, Recovery), in any case. */
gboolean  odan_mission_area_is_valid (const char *word);

/* Lookups by id through the pack's indexes (O(1)); ODAN_NONE when absent
 * (team and inject: also when @id is NULL, as an event's may be). */
guint32   odan_pack_find_node   (const OdanPack *pack, const char *id);
guint32   odan_pack_find_sector (const OdanPack *pack, const char *id);
guint32   odan_pack_find_edge   (const OdanPack *pack, guint32 provider, guint32 dependent);
guint32   odan_pack_find_team   (const OdanPack *pack, const char *id);
/* The extra column values of edge @e (edge_extra.n_columns of them, each
 * NULL when empty), or NULL when dependencies.csv has no extra columns. */
const char **odan_pack_edge_extra (const OdanPack *pack, guint32 e);
/* The edge's restart_below, or 0 when it has none (a plain restart window). */
double       odan_pack_edge_restart_below (const OdanPack *pack, guint32 e);
guint32   odan_pack_find_inject (const OdanPack *pack, const char *id);
guint32   odan_pack_find_mitigation (const OdanPack *pack, const char *id);
guint32   odan_pack_find_pool   (const OdanPack *pack, const char *id);
/* Why a mitigation taking @uses units of pool @pool is refused when @left
 * are left, in words (the exercise's log and `simulate --decisions`). */
char     *odan_pack_pool_refusal (const OdanPack *pack, guint32 pool, guint left, guint uses);
guint32   odan_pack_find_deadline (const OdanPack *pack, const char *id);
/* The relay.csv row of @channel (exact match), or ODAN_NONE. */
guint32   odan_pack_find_relay  (const OdanPack *pack, const char *channel);

/* Binds parsed effects to @pack: node ids, selectors and edges. A selector
 * matching nothing is not an error; @n_empty_selectors counts them so the
 * caller can warn. */
gboolean  odan_effects_resolve (GArray         *effects,
                                const OdanPack *pack,
                                guint          *n_empty_selectors,
                                GError        **error);

/* The name of region @region (an index into pack->regions) in the UI's
 * language (odan_pack_localized()), or its id when regions.csv does not
 * name it. */
const char *odan_pack_region_name (const OdanPack *pack, guint32 region);

/* The display name in the current locale: name_ja when the UI language is
 * Japanese and it is set, else name; name_ja too when name is empty. */
const char *odan_pack_localized (const char *name, const char *name_ja);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OdanPack, odan_pack_free)

G_END_DECLS
