/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target of the importer: any bytes are read without crash, and what is accepted writes back the same. */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "ess-exchange.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static EssExchangeContext *
context (void)
{
  static EssExchangeContext *shared = NULL;
  static const char * const communes[] = { "59009", "59350", "59360", "59512", "59599" };
  static const char * const schemes[] = { "APT", "APP", "AMI", "CONVENTION", "SIEG" };
  static const char * const forms[] = { "association", "collectivite", "scic", "scop" };

  if (shared != NULL)
    return shared;

  /* A few reference codes, so that the domain checks run too. */
  shared = g_new0 (EssExchangeContext, 1);
  shared->communes = g_hash_table_new (g_str_hash, g_str_equal);
  shared->schemes = g_hash_table_new (g_str_hash, g_str_equal);
  shared->legal_forms = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < G_N_ELEMENTS (communes); i++)
    g_hash_table_add (shared->communes, (gpointer) communes[i]);
  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    g_hash_table_add (shared->schemes, (gpointer) schemes[i]);
  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    g_hash_table_add (shared->legal_forms, (gpointer) forms[i]);
  return shared;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(EssExchangeDocument) document = ess_exchange_read ((const char *) data, size, context ());
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(EssExchangeDocument) reread = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (document->problems->len == 0 || document->bundles->len == 0);
  if (document->problems->len > 0)
    return 0;

  /* An accepted file writes a file that is accepted, and that writes
   * the same bytes again: the writer and the reader agree. */
  written = ess_exchange_write_with_scenarios (document->bundles, document->full, document->scenarios, &error);
  if (written == NULL)
    {
      /* Only a control character, which a reference in the file cannot produce in XML 1.0. */
      g_assert_error (error, ESS_EXCHANGE_ERROR, ESS_EXCHANGE_ERROR_WRITE);
      return 0;
    }
  reread = ess_exchange_read (g_bytes_get_data (written, NULL), g_bytes_get_size (written), context ());
  g_assert_cmpuint (reread->problems->len, ==, 0);
  again = ess_exchange_write_with_scenarios (reread->bundles, reread->full, reread->scenarios, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (written, again));

  return 0;
}
