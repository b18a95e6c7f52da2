/* odan-sort-private.h — sorting node numbers on the engine's hot paths
 *
 * Every instant sorts the nodes that changed, and the simulate CSV sorts
 * each printed minute's nodes by id rank. Both are arrays of guint32 keys:
 * insertion sort for the handful most instants have, an LSD radix sort
 * (four 8-bit passes, no comparisons) for the rest.
 */
#pragma once

#include <glib.h>
#include <string.h>

/* Sorts @a ascending; @tmp must hold @n elements. */
static inline void
odan_sort_u32 (guint32 *a,
               guint32  n,
               guint32 *tmp)
{
  if (n <= 32)
    {
      for (guint32 i = 1; i < n; i++)
        {
          guint32 v = a[i], j = i;
          for (; j > 0 && a[j - 1] > v; j--)
            a[j] = a[j - 1];
          a[j] = v;
        }
      return;
    }

  guint32 count[256];
  guint32 *src = a, *dst = tmp;
  for (int shift = 0; shift < 32; shift += 8)
    {
      memset (count, 0, sizeof count);
      for (guint32 i = 0; i < n; i++)
        count[(src[i] >> shift) & 0xff]++;
      guint32 sum = 0;
      for (guint32 k = 0; k < G_N_ELEMENTS (count); k++)
        {
          guint32 c = count[k];
          count[k] = sum;
          sum += c;
        }
      for (guint32 i = 0; i < n; i++)
        dst[count[(src[i] >> shift) & 0xff]++] = src[i];
      guint32 *swap = src;
      src = dst;
      dst = swap;
    }
  /* an even number of passes: the result is back in @a */
}
