/* sim-cases.c — hand-computed cascade cases, one per rule of the spec
 *
 * Every expected CSV below was worked out by hand from
 * engine/SEMANTICS.md; the comment above each case shows the
 * arithmetic. Dependency rows are provider,dependent,type,strength,buffer,
 * lag,restart,coverage,group; an empty field takes the spec's default.
 */
#define G_LOG_DOMAIN "odan-test"

#include <string.h>

#include "sim-cases.h"

#define HEADER "minute,node,operability\n"

/* The spec's worked example. p is 0 on [0, 600). w rides its 6 h buffer
 * until 360, then has 1 - 0.9 = 0.1; supply returns at 600 and the 60 min
 * restart holds w at 0.1 until 660. h sees a shortfall of 0.9 on [360, 660):
 * its 12 h buffer drains at 0.9/min, 270 of 720 minutes, so h stays 1. */
static const char worked_example_expected[] =
  HEADER
  "0.000,h,1.0000\n"
  "0.000,p,0.0000\n"
  "0.000,w,1.0000\n"
  "360.000,w,0.1000\n"
  "600.000,p,1.0000\n"
  "660.000,w,1.0000\n";

/* p at 0.5: shortfall 0.5, the 60 min buffer drains at 0.5/min and runs
 * out at 120, then d = 1 - 1 * 0.5. q at 0.75: shortfall 0.25, the 30 min
 * buffer lasts 120 min, then e = 1 - 0.6 * 0.25 = 0.85. At 150 p is restored
 * and d is 1 again; the empty buffer does not refill by itself, so when p
 * drops to 0.5 again at 200 d drops at once. */
static const char half_rate_expected[] =
  HEADER
  "0.000,d,1.0000\n"
  "0.000,e,1.0000\n"
  "0.000,p,0.5000\n"
  "0.000,q,0.7500\n"
  "120.000,d,0.5000\n"
  "120.000,e,0.8500\n"
  "150.000,d,1.0000\n"
  "150.000,p,1.0000\n"
  "200.000,d,0.5000\n"
  "200.000,p,0.5000\n";

/* Coverage below 1.
 * p -> d, s 1, 100 min, coverage 0.6, p at 0: while buffered
 *   r = 1 - 1 * max(0, 1 - 0.6) = 0.6; rate min(1, 0.6)/0.6 = 1, empty at
 *   100, then d = 0.
 * q -> e, s 0.5, 100 min, coverage 0.6, q at 0.5: f = 0.5 < 0.6, so r = 1;
 *   rate 0.5/0.6 = 5/6, empty at 120, then e = 1 - 0.5 * 0.5 = 0.75.
 * x -> y, s 0.5, 50 min, coverage 0.5, x at 0.25: f = 0.75, while buffered
 *   r = 1 - 0.5 * 0.25 = 0.875; rate 1, empty at 50, then
 *   y = 1 - 0.5 * 0.75 = 0.625. */
static const char coverage_expected[] =
  HEADER
  "0.000,d,0.6000\n"
  "0.000,e,1.0000\n"
  "0.000,p,0.0000\n"
  "0.000,q,0.5000\n"
  "0.000,x,0.2500\n"
  "0.000,y,0.8750\n"
  "50.000,y,0.6250\n"
  "100.000,d,0.0000\n"
  "120.000,e,0.7500\n";

/* p at 0.4: shortfall 0.6, the 226 min buffer lasts 226/0.6 = 376.666...
 * min; the spec's rule prints that as 376.667. Then w = 1 - 0.9 * 0.6. */
static const char fractional_expected[] =
  HEADER
  "0.000,p,0.4000\n"
  "0.000,w,1.0000\n"
  "376.667,w,0.4600\n";

/* p is 0 on [10, 70). d (lag 30) sees it on [40, 100). e (lag 30, 20 min
 * buffer) starts draining at 40 and runs out at 60, back at 100. */
static const char lag_expected[] =
  HEADER
  "0.000,d,1.0000\n"
  "0.000,e,1.0000\n"
  "0.000,p,1.0000\n"
  "10.000,p,0.0000\n"
  "40.000,d,0.0000\n"
  "60.000,e,0.0000\n"
  "70.000,p,1.0000\n"
  "100.000,d,1.0000\n"
  "100.000,e,1.0000\n";

/* Restart windows, cap = min of the raw cap over [t - R, t].
 * p -> d, R 60: raw cap 0 on [0, 100), 0.5 on [100, 150), 1 from 150; the
 *   cap is 0 until 160, 0.5 on [160, 210), 1 from 210: a stepwise recovery.
 * q -> e, R 60: q is down only on [20, 30), e is down on [20, 90).
 * x -> y, R 30: x is 0 on [0, 20), 0.5 on [40, 50). At 40 the window still
 *   holds the 0 of [10, 20); at 50 it spans [20, 50] whose minimum is the
 *   0.5 of [40, 50); at 80 it has passed 50: y = 1. */
/* A restart window holds a rise back only above its own past minimum.
 * p -> n, s 1, 86 min buffer, restart 58 min. At 34 p goes to 0 for 86 min
 *   and n to 0.75 (set, for 102 min): the buffer carries all of n's need, so
 *   the raw cap stays 1 and drains at 1/min, to empty at 120. At 120 p is
 *   back and n is restored: f = 1 - o_p(120) = 0, so r(120) = 1 although the
 *   buffer is empty, and the window [62, 120] never saw less than 1: n = 1
 *   at once. (Within the instant the empty buffer meets p's old 0 first; a
 *   rise of p through the window must still reach n.) */
static const char restart_rise_expected[] =
  HEADER
  "0.000,n,1.0000\n"
  "0.000,p,1.0000\n"
  "34.000,n,0.7500\n"
  "34.000,p,0.0000\n"
  "120.000,n,1.0000\n"
  "120.000,p,1.0000\n";

/* A contracting cycle recovers to exactly 1. a -> b (s 0.25), b -> a
 * (s 0.5); a is 0 for 60 min, b = 1 - 0.25 = 0.75. At 60 the only solution
 * is a = b = 1 (a = 1 - 0.5 (1 - b), b = 1 - 0.25 (1 - a)); lifting a and b
 * in turn would close in on it by a factor 8 a round and stop 1e-9 short. */
static const char contracting_recovery_expected[] =
  HEADER
  "0.000,a,0.0000\n"
  "0.000,b,0.7500\n"
  "60.000,a,1.0000\n"
  "60.000,b,1.0000\n";

/* SEMANTICS.md §3.2.1: d and e restart only after an outage (a raw cap
 * below 0.5), counted from the comeback; e stays at its outage's lowest
 * level while q is partly back; y is d with a plain restart window. */
static const char restart_threshold_expected[] =
  HEADER
  "0.000,d,0.0000\n"
  "0.000,e,1.0000\n"
  "0.000,p,0.0000\n"
  "0.000,q,0.0000\n"
  "0.000,x,0.0000\n"
  "0.000,y,0.0000\n"
  "30.000,e,0.0000\n"
  "50.000,q,0.2500\n"
  "100.000,p,0.6000\n"
  "100.000,x,0.6000\n"
  "160.000,d,0.6000\n"
  "160.000,y,0.6000\n"
  "190.000,e,1.0000\n"
  "200.000,d,1.0000\n"
  "200.000,p,1.0000\n"
  "200.000,x,1.0000\n"
  "250.000,d,0.7000\n"
  "250.000,p,0.7000\n"
  "250.000,x,0.7000\n"
  "260.000,y,0.7000\n"
  "270.000,d,1.0000\n"
  "270.000,p,1.0000\n"
  "270.000,x,1.0000\n"
  "290.000,e,0.2500\n"
  "300.000,q,1.0000\n"
  "330.000,y,1.0000\n"
  "360.000,e,1.0000\n";

static const char restart_expected[] =
  HEADER
  "0.000,d,0.0000\n"
  "0.000,e,1.0000\n"
  "0.000,p,0.0000\n"
  "0.000,q,1.0000\n"
  "0.000,x,0.0000\n"
  "0.000,y,0.0000\n"
  "20.000,e,0.0000\n"
  "20.000,q,0.0000\n"
  "20.000,x,1.0000\n"
  "30.000,q,1.0000\n"
  "40.000,x,0.5000\n"
  "50.000,x,1.0000\n"
  "50.000,y,0.5000\n"
  "80.000,y,1.0000\n"
  "90.000,e,1.0000\n"
  "100.000,p,0.5000\n"
  "150.000,p,1.0000\n"
  "160.000,d,0.5000\n"
  "210.000,d,1.0000\n";

/* OR-groups. d needs one of p1, p2 (group g, s 1) and q (s 0.5). e needs one
 * of p1 (s 1) and p2 (s 0.5) (group h).
 * 0: p1 down; g = max(0, 1) = 1, h = max(0, 1) = 1.
 * 50: p2 down; g = 0 so d = 0; h = max(0, 0.5) = 0.5.
 * 80: q down; d = min(0, 0.5) = 0, no change.
 * 100: p1 back; g = 1, d = min(1, 1 - 0.5) = 0.5; e = 1.
 * 120: q back; d = 1. */
static const char groups_expected[] =
  HEADER
  "0.000,d,1.0000\n"
  "0.000,e,1.0000\n"
  "0.000,p1,0.0000\n"
  "0.000,p2,1.0000\n"
  "0.000,q,1.0000\n"
  "50.000,d,0.0000\n"
  "50.000,e,0.5000\n"
  "50.000,p2,0.0000\n"
  "80.000,q,0.0000\n"
  "100.000,d,0.5000\n"
  "100.000,e,1.0000\n"
  "100.000,p1,1.0000\n"
  "120.000,d,1.0000\n"
  "120.000,q,1.0000\n";

/* Floors: the largest active floor counts, and a floor never lifts direct.
 * d depends on p (s 1), p is down on [0, 140).
 * 10: floor 0.3 (open); 20: floor 0.6 for 30 min; 30: floor 0.5 for 100 min.
 *   d = 0.3, 0.6 on [20, 50), 0.5 on [50, 130), 0.3 from 130.
 * 60: set d 0.2 for 20 min: min(0.2, max(0.5, 0)) = 0.2 on [60, 80).
 * 90: restore d ends sets only: the floors hold, no change.
 * 140: p restored: the group gives 1 again, above every floor.
 * x: floor 0.5 while x is 1 changes nothing; set x 0.4 at 5 gives 0.4. */
static const char floor_expected[] =
  HEADER
  "0.000,d,0.0000\n"
  "0.000,p,0.0000\n"
  "0.000,x,1.0000\n"
  "5.000,x,0.4000\n"
  "10.000,d,0.3000\n"
  "20.000,d,0.6000\n"
  "50.000,d,0.5000\n"
  "60.000,d,0.2000\n"
  "80.000,d,0.5000\n"
  "130.000,d,0.3000\n"
  "140.000,d,1.0000\n"
  "140.000,p,1.0000\n";

/* set stacking: the most recent active set counts.
 * a: 0.5 (open) at 0; 0.2 on [10, 40); 0.7 on [20, 120) is more recent, so
 *   the end of the 0.2 at 40 changes nothing; at 120 the 0.5 counts again;
 *   restore at 150 ends it for good; 0.3 on [160, 170).
 * b: 0.6 on [0, 50); 0.4 on [10, 20); back to 0.6 at 20, to 1 at 50. */
static const char set_stack_expected[] =
  HEADER
  "0.000,a,0.5000\n"
  "0.000,b,0.6000\n"
  "10.000,a,0.2000\n"
  "10.000,b,0.4000\n"
  "20.000,a,0.7000\n"
  "20.000,b,0.6000\n"
  "50.000,b,1.0000\n"
  "120.000,a,0.5000\n"
  "150.000,a,1.0000\n"
  "160.000,a,0.3000\n"
  "170.000,a,1.0000\n";

/* buffer effects.
 * p -> d, s 1, 30 min, R 20; p down from 0: d runs out at 30. +60 min at 50:
 *   the raw cap rises at 50, the cap at 70; the new fuel lasts until 110.
 * q -> e, s 1, 30 min; q down from 0; +30 min at 20 while 10 are left:
 *   40 min from 20, empty at 60.
 * x -> y, s 0.5, no buffer; x down from 0: y = 0.5. +10 min at 100 gives a
 *   buffer: y = 1 on [100, 110). */
static const char buffer_expected[] =
  HEADER
  "0.000,d,1.0000\n"
  "0.000,e,1.0000\n"
  "0.000,p,0.0000\n"
  "0.000,q,0.0000\n"
  "0.000,x,0.0000\n"
  "0.000,y,0.5000\n"
  "30.000,d,0.0000\n"
  "60.000,e,0.0000\n"
  "70.000,d,1.0000\n"
  "100.000,y,1.0000\n"
  "110.000,d,0.0000\n"
  "110.000,y,0.5000\n";

/* A buffer effect at the very instant the buffer runs out. p -> d (s 1,
 * 30 min) with p down from 0 runs out at 30; q -> e (s 1, 15 min) with q at
 * 0.5 drains at half rate and runs out at 30 too. At 30 both get +10 min:
 * b(30) = 0 + 10 > 0, so neither drops; d's lasts until 40, e's (at 0.5/min)
 * until 50. */
static const char refill_at_runout_expected[] =
  HEADER
  "0.000,d,1.0000\n"
  "0.000,e,1.0000\n"
  "0.000,p,0.0000\n"
  "0.000,q,0.5000\n"
  "40.000,d,0.0000\n"
  "50.000,e,0.5000\n";

/* strength effects. p -> d (s 0.8, R 10) and q -> e (s 0.8, R 0); p and q
 * down from 0: d = e = 0.2. At 30 both strengths halve to 0.4: e = 0.6 at
 * once, d at 40 after its restart. At 60 e's strength goes to 0: e = 1. At
 * 70 d's halves again to 0.2: raw cap 0.8 at 70, cap at 80. */
static const char strength_expected[] =
  HEADER
  "0.000,d,0.2000\n"
  "0.000,e,0.2000\n"
  "0.000,p,0.0000\n"
  "0.000,q,0.0000\n"
  "30.000,e,0.6000\n"
  "40.000,d,0.6000\n"
  "60.000,e,1.0000\n"
  "80.000,d,0.8000\n";

/* Selectors. pk: power/kanto, px: power/kansai, wk: water/kanto,
 * wx: water/kansai, t: telecom without a region.
 * 0: sector=water 0.5; 10: region=kansai 0 for 20 min;
 * 20: sector=power,region=kanto 0.25; 30: the kansai set ends (wx back to
 * its 0.5); 40: restore sector=water; 50: region=kanto 0.75. */
static const char selectors_expected[] =
  HEADER
  "0.000,pk,1.0000\n"
  "0.000,px,1.0000\n"
  "0.000,t,1.0000\n"
  "0.000,wk,0.5000\n"
  "0.000,wx,0.5000\n"
  "10.000,px,0.0000\n"
  "10.000,wx,0.0000\n"
  "20.000,pk,0.2500\n"
  "30.000,px,1.0000\n"
  "30.000,wx,0.5000\n"
  "40.000,wk,1.0000\n"
  "40.000,wx,1.0000\n"
  "50.000,pk,0.7500\n"
  "50.000,wk,0.7500\n";

/* Same-instant effects apply in file order, injects before mitigations.
 * The test schedules the mitigations m0 (at 10) and m1 (at 40) before the
 * injects, and the injects file is not in time order.
 * a: i1 0.3, i2 0.6, then m0 0.9 at 10: 0.9.  e: i1 0.3, i2 0.6: 0.6.
 * b: 0.5 at 0; at 20 restore (i4) then set 0.2 (i5): 0.2.
 * c: at 30 "set c 0.3; set c 0.4": 0.4; at 35 "set c 0.7; restore c": 1.
 * d: 0.5 at 0; at 40 i7 sets 0.1, then m1 restores: 1. */
static const char same_instant_expected[] =
  HEADER
  "0.000,a,1.0000\n"
  "0.000,b,0.5000\n"
  "0.000,c,1.0000\n"
  "0.000,d,0.5000\n"
  "0.000,e,1.0000\n"
  "10.000,a,0.9000\n"
  "10.000,e,0.6000\n"
  "20.000,b,0.2000\n"
  "30.000,c,0.4000\n"
  "35.000,c,1.0000\n"
  "40.000,d,1.0000\n";

static const OdanTestSchedule same_instant_schedules[] = {
  { 10, 0 },
  { 40, 1 },
};

/* Zero-lag cycles recover: the greatest solution.
 * a <-> b with strength 1: a set to 0 for 60 min, both 0, then both 1 at 60.
 * c <-> e with strength 0.5: c set to 0 for 30 min, e = 0.5, then (1, 1). */
static const char cycle_expected[] =
  HEADER
  "0.000,a,0.0000\n"
  "0.000,b,0.0000\n"
  "0.000,c,0.0000\n"
  "0.000,e,0.5000\n"
  "30.000,c,1.0000\n"
  "30.000,e,1.0000\n"
  "60.000,a,1.0000\n"
  "60.000,b,1.0000\n";

/* Black start. a -> b (s 1, lag 5), b -> a (s 1): a set to 0 for 60 min;
 * b follows at 5; at 60 a's own state is 1 again but b still holds it at 0,
 * and b waits for a: both stay down. A floor a 1 for 30 min at 100 lifts a,
 * b follows at 105 and holds a up after the floor ends at 130.
 * c -> e (s 1, restart 10), e -> c (s 1): c set to 0 for 60 min; drops act
 * at once so e is 0 at 0; nothing lifts them: down until the end.
 * The spec's prose also names `restore` as a way out, but by the equations
 * restore only makes direct 1, which it already is once the set has ended;
 * this case follows the equations and leaves restore out. */
static const char black_start_expected[] =
  HEADER
  "0.000,a,0.0000\n"
  "0.000,b,1.0000\n"
  "0.000,c,0.0000\n"
  "0.000,e,0.0000\n"
  "5.000,b,0.0000\n"
  "100.000,a,1.0000\n"
  "105.000,b,1.0000\n";

/* A geometric tail. a -> b (s 1), b -> a (s 0.5, restart 60); a set to 0 for
 * 60 min. At 60 a's cap is the 0.5 of the window, so (a, b) = (0.5, 0.5) and
 * the raw cap of b -> a rises to 0.75, reached at 120; the shortfall halves
 * every 60 min: o = 1 - 2^-k at 60k. Printed: 0.96875 -> 0.9688,
 * 0.984375 -> 0.9844, ..., 0.99993896 -> 0.9999 (no row at 840, as at 780),
 * 0.99996948 -> 1.0000 at 900, then no more rows. */
static const char tail_expected[] =
  HEADER
  "0.000,a,0.0000\n"
  "0.000,b,0.0000\n"
  "60.000,a,0.5000\n"
  "60.000,b,0.5000\n"
  "120.000,a,0.7500\n"
  "120.000,b,0.7500\n"
  "180.000,a,0.8750\n"
  "180.000,b,0.8750\n"
  "240.000,a,0.9375\n"
  "240.000,b,0.9375\n"
  "300.000,a,0.9688\n"
  "300.000,b,0.9688\n"
  "360.000,a,0.9844\n"
  "360.000,b,0.9844\n"
  "420.000,a,0.9922\n"
  "420.000,b,0.9922\n"
  "480.000,a,0.9961\n"
  "480.000,b,0.9961\n"
  "540.000,a,0.9980\n"
  "540.000,b,0.9980\n"
  "600.000,a,0.9990\n"
  "600.000,b,0.9990\n"
  "660.000,a,0.9995\n"
  "660.000,b,0.9995\n"
  "720.000,a,0.9998\n"
  "720.000,b,0.9998\n"
  "780.000,a,0.9999\n"
  "780.000,b,0.9999\n"
  "900.000,a,1.0000\n"
  "900.000,b,1.0000\n";

/* Printing rules.
 * a: 0.60625, an exact tie in decimal, prints 0.6063; so does b, computed as
 *   1 - 0.75 * (1 - 0.475); s = 0.60624 prints 0.6062.
 * e: set at 0.0004, which prints as minute 0.000: the minute-0 row has it.
 * t: 0.99995 prints 1.0000 like before: no row; 0.99994 at 6 prints 0.9999.
 * r: its 10.0625 min buffer runs out at 10.0625, printed 10.063 (half up).
 * c: 0.5 at 20.0002 and 0.7 at 20.0004 print as one minute: one row with
 *   the last value; 0.70004 at 30 prints as before: no row; 0.2 on
 *   [40, 40.0002) and back within one printed minute: no row.
 * At 50 four nodes change: rows in byte order Zeta, a10, a9, alpha. */
static const char printing_expected[] =
  HEADER
  "0.000,Zeta,1.0000\n"
  "0.000,a,0.6063\n"
  "0.000,a10,1.0000\n"
  "0.000,a9,1.0000\n"
  "0.000,alpha,1.0000\n"
  "0.000,b,0.6063\n"
  "0.000,c,1.0000\n"
  "0.000,e,0.5000\n"
  "0.000,p,0.4750\n"
  "0.000,q,0.0000\n"
  "0.000,r,1.0000\n"
  "0.000,s,0.6062\n"
  "0.000,t,1.0000\n"
  "6.000,t,0.9999\n"
  "10.063,r,0.0000\n"
  "20.000,c,0.7000\n"
  "50.000,Zeta,0.5000\n"
  "50.000,a10,0.5000\n"
  "50.000,a9,0.5000\n"
  "50.000,alpha,0.5000\n";

/* Inject times as the spec writes them. T0 is 2015-12-08T09:00+09:00.
 * 2015-12-08T10:30 has no offset, so it is in the scenario's +09:00: minute
 * 90. 2015-12-08T02:00Z is 11:00 at +09:00: minute 120. b is set at +30m
 * for 1d6h30m = 1830 min: back at 1860. */
static const char inject_times_expected[] =
  HEADER
  "0.000,a,1.0000\n"
  "0.000,b,1.0000\n"
  "30.000,b,0.5000\n"
  "90.000,a,0.5000\n"
  "120.000,a,0.2500\n"
  "1860.000,b,1.0000\n";

/* Resupply (SEMANTICS.md §14.3). p is down from 0; x rides a 3 h buffer
 * refilled by one truck: load 2 h, capacity 3 h, reorder at 1 h, travel 90,
 * back after 180, over road (needs 0.5).
 *   0: level 180 drains at 1/min, reaches reorder at 120.
 * 120: dispatch; arrives 210, truck back 300. 180: empty, x = 0.
 * 210: level 0 + 120 = 120, x = 1; reorder again at 270, no truck until
 *      300: dispatch at 300, arrives 390; empty at 330.
 * 390: level 120; reorder 450, truck back 480: dispatch at 480, arrives
 *      570; empty at 510.
 * 570: level 120; road at 0.2 from 600; reorder at 630, truck back 660,
 *      but the road is below 0.5: no dispatch; empty at 690.
 * 720: road restored: dispatch at 720, arrives 810. */
static const char resupply_route_expected[] =
  HEADER
  "0.000,p,0.0000\n"
  "0.000,road,1.0000\n"
  "0.000,x,1.0000\n"
  "180.000,x,0.0000\n"
  "210.000,x,1.0000\n"
  "330.000,x,0.0000\n"
  "390.000,x,1.0000\n"
  "510.000,x,0.0000\n"
  "570.000,x,1.0000\n"
  "600.000,road,0.2000\n"
  "690.000,x,0.0000\n"
  "720.000,road,1.0000\n"
  "810.000,x,1.0000\n";

/* Priority and a stock. a and b hang on p (down from 0) by 60 min buffers
 * that need a load at once (reorder = capacity = 60); one truck (travel 30,
 * back after 60), three loads at the depot; b has priority 1.
 *   0: both in need; b first: arrives 30, truck back 60 (2 loads left).
 *  30: b full again (level 60) and in need again, no truck.
 *  60: a empty, a = 0; truck back; b first again (1 load left), arrives 90.
 *  90: b runs out and is refilled at the same instant: b stays 1.
 * 100: mitigation priority p->a 5.  120: truck back: a first (0 loads left),
 *      arrives 150.  150: b empty (b = 0), a refilled (a = 1).
 * 180: truck back, no load.  210: a empty.  240: units depot +1: a first
 *      again, arrives 270, empty at 330. */
static const char resupply_priority_expected[] =
  HEADER
  "0.000,a,1.0000\n"
  "0.000,b,1.0000\n"
  "0.000,p,0.0000\n"
  "60.000,a,0.0000\n"
  "150.000,a,1.0000\n"
  "150.000,b,0.0000\n"
  "210.000,a,0.0000\n"
  "270.000,a,1.0000\n"
  "330.000,a,0.0000\n";

static const OdanTestSchedule resupply_priority_schedules[] = {
  { 100, 0 },
};

/* Mitigations fit into the pools (§14.1): the case of resupply-route, and
 * at 200 a mitigation lends the only truck (uses 1) while it is out on the
 * trip of 120. It never comes back to the pool: after the delivery of 210
 * the buffer empties at 330 for good. */
static const char resupply_lent_expected[] =
  HEADER
  "0.000,p,0.0000\n"
  "0.000,road,1.0000\n"
  "0.000,x,1.0000\n"
  "180.000,x,0.0000\n"
  "210.000,x,1.0000\n"
  "330.000,x,0.0000\n";

static const OdanTestSchedule resupply_lent_schedules[] = {
  { 200, 0 },
};

const OdanSimCase odan_sim_cases[] = {
  {
    "worked-example",
    { .nodes =
        "p,power,,Power (Tokyo area)\n"
        "w,water,,Water supply\n"
        "h,health,,Disaster base hospital\n",
      .dependencies =
        "p,w,physical,0.9,6h,0,60m,1,\n"
        "w,h,physical,0.5,12h,,,,\n",
      .injects =
        "i1,+0m,all,Blackout,set p 0 for 10h\n" },
    NULL, 0, 900, 1, worked_example_expected,
  },
  {
    "half-rate-drain",
    { .nodes =
        "p,power,,P\n"
        "q,power,,Q\n"
        "d,water,,D\n"
        "e,water,,E\n",
      .dependencies =
        "p,d,physical,1,60,,,,\n"
        "q,e,cyber,0.6,30m,,,1,\n",
      .injects =
        "i1,0,all,Half supply,set p 0.5; set q 0.75\n"
        "i2,150,all,Restored,restore p\n"
        "i3,200,all,Half again,set p 0.5\n" },
    NULL, 0, 300, 1, half_rate_expected,
  },
  {
    "coverage",
    { .nodes =
        "p,power,,P\n"
        "q,power,,Q\n"
        "x,power,,X\n"
        "d,health,,D\n"
        "e,health,,E\n"
        "y,health,,Y\n",
      .dependencies =
        "p,d,physical,1,100,,,0.6,\n"
        "q,e,physical,0.5,100,,,0.6,\n"
        "x,y,physical,0.5,50,,,0.5,\n",
      .injects =
        "i1,0,all,Outage,set p 0; set q 0.5; set x 0.25\n" },
    NULL, 0, 300, 1, coverage_expected,
  },
  {
    "fractional-runout",
    { .nodes =
        "p,power,,P\n"
        "w,water,,W\n",
      .dependencies =
        "p,w,physical,0.9,226,,,,\n",
      .injects =
        "i1,0,all,Brownout,set p 0.4\n" },
    NULL, 0, 600, 3, fractional_expected,
  },
  {
    "lag",
    { .nodes =
        "p,power,,P\n"
        "d,telecom,,D\n"
        "e,telecom,,E\n",
      .dependencies =
        "p,d,physical,1,,30m,,,\n"
        "p,e,physical,1,20m,30,,,\n",
      .injects =
        "i1,10,all,Outage,set p 0 for 1h\n" },
    NULL, 0, 200, 1, lag_expected,
  },
  {
    "restart",
    { .nodes =
        "p,power,,P\n"
        "q,power,,Q\n"
        "x,power,,X\n"
        "d,water,,D\n"
        "e,water,,E\n"
        "y,water,,Y\n",
      .dependencies =
        "p,d,physical,1,,,1h,,\n"
        "q,e,physical,1,,,60,,\n"
        "x,y,physical,1,,,30m,,\n",
      .injects =
        "i1,0,all,Outage,set p 0; set x 0 for 20m\n"
        "i2,20,all,Blip,set q 0 for 10m\n"
        "i3,40,all,Dip,set x 0.5 for 10m\n"
        "i4,100,all,Partial,set p 0.5\n"
        "i5,150,all,Repaired,restore p\n" },
    NULL, 0, 400, 1, restart_expected,
  },
  {
    "restart-threshold",
    { .nodes =
        "p,power,,P\n"
        "q,power,,Q\n"
        "x,power,,X\n"
        "d,water,,D\n"
        "e,water,,E\n"
        "y,water,,Y\n",
      .dependencies_header = ODAN_TEST_DEPENDENCIES_BELOW_HEADER,
      .dependencies =
        "p,d,physical,1,,,1h,,,0.5\n"
        "q,e,physical,1,30m,,60,,,0.5\n"
        "x,y,physical,1,,,60,,,\n",
      .injects =
        "i1,0,all,Outage,set p 0; set x 0; set q 0\n"
        "i2,50,all,Partial,set q 0.25\n"
        "i3,100,all,Steps,set p 0.6; set x 0.6\n"
        "i4,130,all,Fuel,buffer q->e +2h\n"
        "i5,200,all,Restored,restore p; restore x\n"
        "i6,250,all,Dip,set p 0.7 for 20m; set x 0.7 for 20m\n"
        "i7,300,all,Repaired,restore q\n" },
    NULL, 0, 400, 1, restart_threshold_expected,
  },
  {
    "contracting-recovery",
    { .nodes =
        "a,power,,A\n"
        "b,water,,B\n",
      .dependencies =
        "a,b,physical,0.25,,,,,\n"
        "b,a,physical,0.5,,,,,\n",
      .injects =
        "i1,0,all,Outage,set a 0 for 60m\n" },
    NULL, 0, 120, 1, contracting_recovery_expected,
  },
  {
    "restart-rise",
    { .nodes =
        "p,power,,P\n"
        "n,water,,N\n",
      .dependencies =
        "p,n,physical,1,86m,,58m,,\n",
      .injects =
        "i1,34,all,Outage,set p 0 for 86m; set n 0.75 for 102m\n"
        "i2,120,all,Back,restore n\n" },
    NULL, 0, 200, 1, restart_rise_expected,
  },
  {
    "or-groups",
    { .nodes =
        "p1,power,,Feed 1\n"
        "p2,power,,Feed 2\n"
        "q,telecom,,Q\n"
        "d,water,,D\n"
        "e,water,,E\n",
      .dependencies =
        "p1,d,physical,1,,,,,g\n"
        "p2,d,physical,1,,,,,g\n"
        "q,d,cyber,0.5,,,,,\n"
        "p1,e,physical,1,,,,,h\n"
        "p2,e,physical,0.5,,,,,h\n",
      .injects =
        "i1,0,all,Feed 1 lost,set p1 0\n"
        "i2,50,all,Feed 2 lost,set p2 0\n"
        "i3,80,all,Telecom lost,set q 0\n"
        "i4,100,all,Feed 1 back,restore p1\n"
        "i5,120,all,Telecom back,restore q\n" },
    NULL, 0, 200, 1, groups_expected,
  },
  {
    "floor",
    { .nodes =
        "p,power,,P\n"
        "d,water,,D\n"
        "x,water,,X\n",
      .dependencies =
        "p,d,physical,1,,,,,\n",
      .injects =
        "i1,0,all,Outage,set p 0; floor x 0.5\n"
        "i2,5,all,X degraded,set x 0.4\n"
        "i3,10,all,Mutual aid,floor d 0.3\n"
        "i4,20,all,Tankers,floor d 0.6 for 30m\n"
        "i5,30,all,Portable units,floor d 0.5 for 100m\n"
        "i6,60,all,Pump failure,set d 0.2 for 20m\n"
        "i7,140,all,Repaired,restore p\n"
        "i8,90,all,Pump repaired,restore d\n" },
    NULL, 0, 300, 1, floor_expected,
  },
  {
    "set-stacking",
    { .nodes =
        "a,power,,A\n"
        "b,power,,B\n",
      .injects =
        "i1,0,all,Degraded,set a 0.5; set b 0.6 for 50m\n"
        "i2,10,all,Worse,set a 0.2 for 30m; set b 0.4 for 10m\n"
        "i3,20,all,Load shedding,set a 0.7 for 100m\n"
        "i4,150,all,Repaired,restore a\n"
        "i5,160,all,Aftershock,set a 0.3 for 10m\n" },
    NULL, 0, 300, 1, set_stack_expected,
  },
  {
    "buffer-effect",
    { .nodes =
        "p,power,,P\n"
        "q,power,,Q\n"
        "x,power,,X\n"
        "d,health,,D\n"
        "e,health,,E\n"
        "y,health,,Y\n",
      .dependencies =
        "p,d,physical,1,30,,20,,\n"
        "q,e,physical,1,30,,,,\n"
        "x,y,physical,0.5,,,,,\n",
      .injects =
        "i1,0,all,Outage,set p 0; set q 0; set x 0\n"
        "i2,20,all,Fuel for e,buffer q->e +30m\n"
        "i3,50,all,Fuel for d,buffer p->d +1h\n"
        "i4,100,all,Generator for y,buffer x->y +10\n" },
    NULL, 0, 300, 1, buffer_expected,
  },
  {
    "buffer-refill-at-runout",
    { .nodes =
        "p,power,,P\n"
        "q,power,,Q\n"
        "d,water,,D\n"
        "e,water,,E\n",
      .dependencies =
        "p,d,physical,1,30,,,,\n"
        "q,e,physical,1,15,,,,\n",
      .injects =
        "i1,0,all,Outage,set p 0; set q 0.5\n"
        "i2,30,all,Fuel,buffer p->d +10; buffer q->e +10\n" },
    NULL, 0, 100, 1, refill_at_runout_expected,
  },
  {
    "strength-effect",
    { .nodes =
        "p,power,,P\n"
        "q,power,,Q\n"
        "d,water,,D\n"
        "e,water,,E\n",
      .dependencies =
        "p,d,physical,0.8,,,10,,\n"
        "q,e,physical,0.8,,,,,\n",
      .injects =
        "i1,0,all,Outage,set p 0; set q 0\n"
        "i2,30,all,Hardening,strength p->d *0.5; strength q->e *0.5\n"
        "i3,60,all,Independent,strength q->e *0\n"
        "i4,70,all,Hardening again,strength p->d *0.5\n" },
    NULL, 0, 200, 1, strength_expected,
  },
  {
    "selectors",
    { .nodes =
        "pk,power,kanto,Power Kanto\n"
        "px,power,kansai,Power Kansai\n"
        "wk,water,kanto,Water Kanto\n"
        "wx,water,kansai,Water Kansai\n"
        "t,telecom,,Telecom\n",
      .injects =
        "i1,0,all,Water,set sector=water 0.5\n"
        "i2,10,all,Kansai,set region=kansai 0 for 20m\n"
        "i3,20,all,Kanto power,\"set sector=power,region=kanto 0.25\"\n"
        "i4,40,all,Water back,restore sector=water\n"
        "i5,50,all,Kanto,set region=kanto 0.75\n" },
    NULL, 0, 100, 1, selectors_expected,
  },
  {
    "same-instant",
    { .nodes =
        "a,power,,A\n"
        "b,power,,B\n"
        "c,power,,C\n"
        "d,power,,D\n"
        "e,power,,E\n",
      .injects =
        "i0,0,all,Start,set b 0.5; set d 0.5\n"
        "i1,10,all,First,set a 0.3; set e 0.3\n"
        "i3,30,all,Two sets,set c 0.3; set c 0.4\n"
        "i2,10,all,Second,set a 0.6; set e 0.6\n"
        "i4,20,all,Restore,restore b\n"
        "i5,20,all,Set after restore,set b 0.2\n"
        "i6,35,all,Set then restore,set c 0.7; restore c\n"
        "i7,40,all,Before mitigation,set d 0.1\n",
      .mitigations =
        "m0,Override,,0,set a 0.9\n"
        "m1,Restore d,,0,restore d\n" },
    same_instant_schedules, G_N_ELEMENTS (same_instant_schedules),
    100, 1, same_instant_expected,
  },
  {
    "zero-lag-cycle",
    { .nodes =
        "a,power,,Grid\n"
        "b,telecom,,Telecom\n"
        "c,power,,C\n"
        "e,telecom,,E\n",
      .dependencies =
        "a,b,physical,1,,,,,\n"
        "b,a,cyber,1,,,,,\n"
        "c,e,physical,0.5,,,,,\n"
        "e,c,cyber,0.5,,,,,\n",
      .injects =
        "i1,0,all,Trip,set a 0 for 60m; set c 0 for 30m\n" },
    NULL, 0, 200, 1, cycle_expected,
  },
  {
    "black-start",
    { .nodes =
        "a,power,,Grid\n"
        "b,telecom,,Telecom\n"
        "c,power,,C\n"
        "e,telecom,,E\n",
      .dependencies =
        "a,b,physical,1,,5,,,\n"
        "b,a,cyber,1,,,,,\n"
        "c,e,physical,1,,,10,,\n"
        "e,c,cyber,1,,,,,\n",
      .injects =
        "i1,0,all,Trip,set a 0 for 60m; set c 0 for 60m\n"
        "i2,100,all,Black-start unit,floor a 1 for 30m\n" },
    NULL, 0, 300, 1, black_start_expected,
  },
  {
    "geometric-tail",
    { .nodes =
        "a,power,,A\n"
        "b,telecom,,B\n",
      .dependencies =
        "a,b,physical,1,,,,,\n"
        "b,a,cyber,0.5,,,60,,\n",
      .injects =
        "i1,0,all,Trip,set a 0 for 60m\n" },
    NULL, 0, 3000, 1, tail_expected,
  },
  {
    "inject-times",
    { .nodes =
        "a,power,,A\n"
        "b,water,,B\n",
      .injects =
        "i1,2015-12-08T10:30,all,Local time,set a 0.5\n"
        "i2,2015-12-08T02:00Z,all,UTC,set a 0.25\n"
        "i3,+30m,all,Long,set b 0.5 for 1d6h30m\n" },
    NULL, 0, 2000, 1, inject_times_expected,
  },
  {
    "printing",
    { .nodes =
        "a,power,,A\n"
        "b,water,,B\n"
        "p,power,,P\n"
        "s,power,,S\n"
        "t,power,,T\n"
        "e,telecom,,E\n"
        "c,telecom,,C\n"
        "q,power,,Q\n"
        "r,water,,R\n"
        "alpha,health,,Alpha\n"
        "a9,health,,A9\n"
        "a10,health,,A10\n"
        "Zeta,health,,Zeta\n",
      .dependencies =
        "p,b,physical,0.75,,,,,\n"
        "q,r,physical,1,10.0625,,,,\n",
      .injects =
        "i1,0,all,Ties,set a 0.60625; set p 0.475; set s 0.60624; set q 0\n"
        "i2,0.0004,all,Early,set e 0.5\n"
        "i3,5,all,Rounds to one,set t 0.99995\n"
        "i4,6,all,Below one,set t 0.99994\n"
        "i5,20.0002,all,Twice,set c 0.5\n"
        "i6,20.0004,all,Twice,set c 0.7\n"
        "i7,30,all,Same print,set c 0.70004\n"
        "i8,40,all,Blip,set c 0.2 for 0.0002\n"
        "i9,50,all,Byte order,set sector=health 0.5\n" },
    NULL, 0, 60, 10000, printing_expected,
  },
  {
    "resupply-route",
    { .nodes =
        "p,power,,P\n"
        "road,water,,Road\n"
        "x,telecom,,X\n",
      .dependencies =
        "p,x,physical,1,3h,,,,\n",
      .pools = "tk,Tank trucks,1\n",
      .resupply = "p,x,tk,,2h,3h,1h,90,180,road,0.5,\n",
      .injects =
        "i1,0,all,Outage,set p 0\n"
        "i2,600,all,Road closed,set road 0.2\n"
        "i3,720,all,Road open,restore road\n" },
    NULL, 0, 900, 1, resupply_route_expected,
  },
  {
    "resupply-priority",
    { .nodes =
        "p,power,,P\n"
        "a,health,,A\n"
        "b,health,,B\n",
      .dependencies =
        "p,a,physical,1,60,,,,\n"
        "p,b,physical,1,60,,,,\n",
      .pools = "tk,Tank truck,1\n" "depot,Depot,3\n",
      .resupply =
        "p,a,tk,depot,60,,60,30,60,,,\n"
        "p,b,tk,depot,60,,60,30,60,,,1\n",
      .injects =
        "i1,0,all,Outage,set p 0\n"
        "i2,240,all,Tanker,units depot +1\n",
      .mitigations = "m0,Hospital A first,,,priority p->a 5\n" },
    resupply_priority_schedules, G_N_ELEMENTS (resupply_priority_schedules), 360, 1,
    resupply_priority_expected,
  },
  {
    "resupply-lent",
    { .nodes =
        "p,power,,P\n"
        "road,water,,Road\n"
        "x,telecom,,X\n",
      .dependencies =
        "p,x,physical,1,3h,,,,\n",
      .pools = "tk,Tank trucks,1\n",
      .resupply = "p,x,tk,,2h,3h,1h,90,180,road,0.5,\n",
      .injects = "i1,0,all,Outage,set p 0\n",
      .mitigations_header = ODAN_TEST_MITIGATIONS_HEADER ",pool,uses",
      .mitigations = "m0,Lend the truck,,,floor road 1,tk,1\n" },
    resupply_lent_schedules, G_N_ELEMENTS (resupply_lent_schedules), 600, 1,
    resupply_lent_expected,
  },
};

const guint odan_sim_n_cases = G_N_ELEMENTS (odan_sim_cases);

const OdanSimCase *
odan_sim_case_find (const char *name)
{
  for (guint i = 0; i < odan_sim_n_cases; i++)
    if (strcmp (odan_sim_cases[i].name, name) == 0)
      return &odan_sim_cases[i];
  g_assert_not_reached ();
}
