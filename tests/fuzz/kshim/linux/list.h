/* SPDX-License-Identifier: GPL-2.0-only */
/* kshim: the types only (declared in evi_table.h's structs) */
#ifndef XENVF_KSHIM_LIST_H
#define XENVF_KSHIM_LIST_H
#include "../kshim.h"

struct list_head { struct list_head *next, *prev; };
struct hlist_head { struct hlist_node *first; };
struct hlist_node { struct hlist_node *next, **pprev; };
struct rcu_head { struct rcu_head *next; void (*func)(struct rcu_head *); };

#endif
