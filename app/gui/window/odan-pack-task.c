/* odan-pack-task.c — odan_pack_load() in a worker thread
 *
 * A large pack takes a noticeable time to parse and validate; the window
 * stays responsive meanwhile. Loads run one at a time in the order asked,
 * on a thread of their own: results arrive in that order, and a load
 * cancelled while it waits (superseded by a newer one) is skipped rather
 * than parsed for nothing. The diagnostics array lives in the task data:
 * the worker fills it, and the main thread reads it once the task
 * completes, whatever the outcome.
 */
#define G_LOG_DOMAIN "odan-gui"

#include <glib/gi18n.h>

#include "odan-pack-task.h"

typedef struct
{
  char      *path;
  GPtrArray *diagnostics;   /* OdanDiagnostic* */
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *load = data;

  g_free (load->path);
  g_ptr_array_unref (load->diagnostics);
  g_free (load);
}

static void
load_in_thread (gpointer data,
                gpointer user_data)
{
  g_autoptr(GTask) task = data;
  LoadData *load = g_task_get_task_data (task);
  GError *error = NULL;
  OdanPack *pack;

  if (g_task_return_error_if_cancelled (task))
    return;

  pack = odan_pack_load (load->path, load->diagnostics, &error);
  if (pack == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, pack, (GDestroyNotify) odan_pack_free);
}

static GThreadPool *
load_queue (void)
{
  static GThreadPool *queue;

  if (g_once_init_enter (&queue))
    {
      /* One shared (non-exclusive) thread, so creating it cannot fail. */
      GThreadPool *pool = g_thread_pool_new (load_in_thread, NULL, 1, FALSE, NULL);

      g_once_init_leave (&queue, pool);
    }

  return queue;
}

void
odan_pack_task_load_async (GFile               *folder,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *load;

  g_return_if_fail (G_IS_FILE (folder));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, odan_pack_task_load_async);

  load = g_new0 (LoadData, 1);
  load->path = g_file_get_path (folder);
  load->diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_diagnostic_free);
  g_task_set_task_data (task, load, load_data_free);

  if (load->path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (folder);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("%s is not a local folder; scenario packs must be on this computer"),
                               uri);
      return;
    }

  g_thread_pool_push (load_queue (), g_steal_pointer (&task), NULL);
}

OdanPack *
odan_pack_task_load_finish (GAsyncResult  *result,
                            GPtrArray    **diagnostics,
                            GError       **error)
{
  LoadData *load;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == odan_pack_task_load_async, NULL);

  load = g_task_get_task_data (G_TASK (result));
  if (diagnostics != NULL)
    *diagnostics = g_ptr_array_ref (load->diagnostics);

  return g_task_propagate_pointer (G_TASK (result), error);
}
