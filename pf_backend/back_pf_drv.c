// SPDX-License-Identifier: GPL-2.0-only
/*
 * The PCI driver "xenvf-pf" of the PF the backend owns (module parameter
 * pf=, back_pf.c binds it through driver_override). Owning the function
 * means: it is enabled and bus master, its MSI-X vectors are allocated and
 * requested here (vector 0 for the PF's control - mailbox, link and error
 * causes on an ixgbe - and one vector per PF queue, spread over the CPUs
 * by the kernel's managed affinity), and `sriov_numvfs` of the function
 * goes through our sriov_configure, which checks the request against the
 * SR-IOV capability as pcie_cfg parsed it (back_pf.c). At unbind or unload
 * the VFs are disabled and the vectors freed.
 */
#include <linux/interrupt.h>
#include <linux/pci.h>
#include <linux/slab.h>

#include "xenvf_back.h"

#define PF_QUEUE_VECTORS_MAX	8	/* as the VF queues: one per CPU, <= 8 */

struct xenvf_pf {
	struct pci_dev *pdev;
	int nvec;			/* allocated: 1 control + queues */
	atomic64_t irqs;		/* interrupts taken on any vector */
	char names[1 + PF_QUEUE_VECTORS_MAX][32];
};

static irqreturn_t pf_irq(int irq, void *data)
{
	struct xenvf_pf *pf = data;

	/*
	 * The backend has no work of its own on the PF's queues: it counts
	 * the interrupt. Claiming it keeps a stuck cause from being retried
	 * forever; MSI-X is edge-like, so nothing re-fires on its own.
	 */
	atomic64_inc(&pf->irqs);
	return IRQ_HANDLED;
}

static void pf_free_irqs(struct xenvf_pf *pf, int n)
{
	while (n--)
		free_irq(pci_irq_vector(pf->pdev, n), pf);
	pci_free_irq_vectors(pf->pdev);
}

/* Allocate and request the PF's MSI-X vectors: 1 control + queues. */
static int pf_setup_irqs(struct xenvf_pf *pf)
{
	struct irq_affinity affd = { .pre_vectors = 1 };
	struct pci_dev *pdev = pf->pdev;
	int want, i, err;

	want = 1 + min_t(int, num_online_cpus(), PF_QUEUE_VECTORS_MAX);
	pf->nvec = pci_alloc_irq_vectors_affinity(pdev, 2, want,
						  PCI_IRQ_MSIX | PCI_IRQ_AFFINITY,
						  &affd);
	if (pf->nvec < 0) {
		pci_err(pdev, "no MSI-X vectors for the PF (%d)\n", pf->nvec);
		return pf->nvec;
	}
	for (i = 0; i < pf->nvec; i++) {
		if (i)
			snprintf(pf->names[i], sizeof(pf->names[i]),
				 "xenvf-pf-q%d@%s", i - 1, pci_name(pdev));
		else
			snprintf(pf->names[i], sizeof(pf->names[i]),
				 "xenvf-pf-ctrl@%s", pci_name(pdev));
		err = request_irq(pci_irq_vector(pdev, i), pf_irq, 0,
				  pf->names[i], pf);
		if (err) {
			pci_err(pdev, "requesting MSI-X vector %d: %d\n", i, err);
			pf_free_irqs(pf, i);
			return err;
		}
	}
	pci_info(pdev, "PF owns %d MSI-X vectors: control %d, queues %d-%d\n",
		 pf->nvec, pci_irq_vector(pdev, 0), pci_irq_vector(pdev, 1),
		 pci_irq_vector(pdev, pf->nvec - 1));
	return 0;
}

static int pf_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct xenvf_pf *pf;
	int err;

	if (!pdev->is_physfn) {
		pci_err(pdev, "not an SR-IOV PF\n");
		return -ENODEV;
	}
	pf = kzalloc(sizeof(*pf), GFP_KERNEL);
	if (!pf)
		return -ENOMEM;
	pf->pdev = pdev;
	err = pci_enable_device_mem(pdev);
	if (err)
		goto free;
	pci_set_master(pdev);
	err = pf_setup_irqs(pf);
	if (err)
		goto disable;
	pci_set_drvdata(pdev, pf);
	return 0;
disable:
	pci_disable_device(pdev);
free:
	kfree(pf);
	return err;
}

static void pf_remove(struct pci_dev *pdev)
{
	struct xenvf_pf *pf = pci_get_drvdata(pdev);

	pci_disable_sriov(pdev);
	pci_info(pdev, "PF released: %lld interrupts taken\n",
		 (long long)atomic64_read(&pf->irqs));
	pf_free_irqs(pf, pf->nvec);
	pci_clear_master(pdev);
	pci_disable_device(pdev);
	kfree(pf);
}

/* `echo N > sriov_numvfs`: return N enabled, or a negative errno. */
static int pf_sriov_configure(struct pci_dev *pdev, int n)
{
	int err = xenvf_back_pf_enable_vfs(pdev, n);

	return err ? err : n;
}

struct pci_driver xenvf_pf_driver = {
	.name = "xenvf-pf",
	.id_table = NULL,	/* binds only by driver_override (back_pf.c) */
	.probe = pf_probe,
	.remove = pf_remove,
	.sriov_configure = pf_sriov_configure,
};
