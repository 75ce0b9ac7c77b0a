// SPDX-License-Identifier: GPL-2.0-only
/* One-transaction writes of a device's xenstore keys; see xenbus_keys.h. */
#include "xenbus_keys.h"

/**
 * xenvf_xs_write_keys() - write @n keys under @dev's node, atomically
 * @dev: the xenbus device
 * @keys: names and values
 * @n: how many
 *
 * Retries while xenstore says -EAGAIN; any other failure aborts the
 * transaction (nothing is written) and is reported with xenbus_dev_fatal().
 *
 * Return: 0 or a negative errno.
 */
int xenvf_xs_write_keys(struct xenbus_device *dev,
			const struct xenvf_xs_key *keys, unsigned int n)
{
	struct xenbus_transaction xbt;
	unsigned int i;
	int err;

again:
	err = xenbus_transaction_start(&xbt);
	if (err) {
		xenbus_dev_fatal(dev, err, "starting transaction");
		return err;
	}
	for (i = 0; i < n; i++) {
		err = xenbus_printf(xbt, dev->nodename, keys[i].name, "%u",
				    keys[i].value);
		if (err) {
			xenbus_transaction_end(xbt, 1);
			xenbus_dev_fatal(dev, err, "writing %s", keys[i].name);
			return err;
		}
	}
	err = xenbus_transaction_end(xbt, 0);
	if (err == -EAGAIN)
		goto again;
	if (err)
		xenbus_dev_fatal(dev, err, "completing transaction");
	return err;
}
