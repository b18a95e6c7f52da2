/* odan-test-pack.h — writing tiny scenario packs for the engine tests
 *
 * A test describes a pack as string literals: the rows of each CSV file
 * without its header line (the header is added here, so the whole suite
 * names the columns in one place). odan_test_pack_write() puts the files into
 * a new temporary folder; odan_test_pack_load() loads it and fails the test
 * with every diagnostic when the pack does not load.
 */
#pragma once

#include <glib.h>
#include <stdio.h>

#include "odan-pack.h"
#include "odan-sim.h"

G_BEGIN_DECLS

/* Column headers of the files the helpers write. */
#define ODAN_TEST_SECTORS_HEADER      "id,name"
#define ODAN_TEST_NODES_HEADER        "id,sector,region,name"
#define ODAN_TEST_DEPENDENCIES_HEADER "provider,dependent,type,strength,buffer,lag,restart,coverage,group"
#define ODAN_TEST_INJECTS_HEADER      "id,time,to,title,effect"
#define ODAN_TEST_MITIGATIONS_HEADER  "id,label,team,delay,effect"
#define ODAN_TEST_POOLS_HEADER        "id,name,capacity"
#define ODAN_TEST_RESUPPLY_HEADER     "provider,dependent,trucks,stock,load,capacity,reorder,travel,turnaround,route,route_min,priority"

/* The default sectors every test pack has unless it names its own. */
#define ODAN_TEST_DEFAULT_SECTORS \
  "power,Electricity\n"           \
  "water,Water\n"                 \
  "telecom,Telecommunications\n"  \
  "health,Medical\n"

typedef struct {
  const char *sectors;       /* rows, NULL: ODAN_TEST_DEFAULT_SECTORS */
  const char *nodes;         /* rows: id,sector,region,name */
  const char *dependencies;  /* rows: provider,dependent,type,strength,buffer,lag,restart,coverage,group */
  const char *injects;       /* rows: id,time,to,title,effect; NULL: no injects.csv */
  const char *mitigations;   /* rows: id,label,team,delay,effect; NULL: no mitigations.csv */
  double      duration;      /* minutes for scenario.ini; 0: one day */
  /* the header of dependencies.csv; NULL: ODAN_TEST_DEPENDENCIES_HEADER.
   * Optional columns stay out of every pack that does not need them. */
  const char *dependencies_header;
  /* the header of mitigations.csv; NULL: ODAN_TEST_MITIGATIONS_HEADER */
  const char *mitigations_header;
  const char *pools;         /* rows: id,name,capacity; NULL: no pools.csv */
  const char *resupply;      /* rows of ODAN_TEST_RESUPPLY_HEADER; NULL: no resupply.csv */
} OdanTestPack;

/* With the optional column restart_below (SEMANTICS.md §3.2.1) at the end. */
#define ODAN_TEST_DEPENDENCIES_BELOW_HEADER ODAN_TEST_DEPENDENCIES_HEADER ",restart_below"

/* Writes @pack into a new temporary folder and returns its path. */
char     *odan_test_pack_write  (const OdanTestPack *pack);

/* Loads the folder; on failure fails the test, printing every diagnostic. */
OdanPack *odan_test_pack_load   (const char *dir);

/* Removes a folder written by odan_test_pack_write(). */
void      odan_test_pack_remove (const char *dir);

/* Parses and resolves @text against @pack; the test fails on an error. */
GArray   *odan_test_effects     (const OdanPack *pack,
                                 const char     *text);

/* Runs odan_sim_write_csv() into memory and returns the text. */
char     *odan_test_sim_csv     (OdanSim *sim,
                                 double   until);

/* Compares two texts; on a difference prints both with @what and marks the
 * test failed (g_test_fail), without stopping it. */
void      odan_test_assert_text (const char *what,
                                 const char *got,
                                 const char *expected);

G_END_DECLS
