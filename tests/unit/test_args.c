// SPDX-License-Identifier: GPL-2.0-only
/* cmocka tests for xen-tools/args.c and xen-tools/nodes.c */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "xenvf_proto.h"
#include "args.h"
#include "nodes.h"

static char err[XENVF_ERR_LEN];

#define ARGV(...) ((char *[]){ __VA_ARGS__ })
#define ARGC(...) ((int)(sizeof((char *[]){ __VA_ARGS__ }) / sizeof(char *)))
#define ATTACH(a, ...) xenvf_parse_attach(ARGC(__VA_ARGS__), ARGV(__VA_ARGS__), a, err, sizeof(err))

static void attach_defaults(void **state)
{
	struct xenvf_attach_args a;

	(void)state;
	assert_int_equal(ATTACH(&a, "guest1"), 0);
	assert_string_equal(a.dom.text, "guest1");
	assert_false(a.dom.is_id);
	assert_int_equal(a.timeout, 30);
	assert_true(a.wait);
	assert_null(a.config);
	assert_int_equal(a.opts.vf, -1);
	assert_false(a.opts.mac_set);
	assert_int_equal(a.opts.vlan, -1);
	assert_int_equal(a.opts.trust, -1);
	assert_int_equal(a.opts.isolated, -1);
	assert_int_equal(ATTACH(&a, "7"), 0);
	assert_true(a.dom.is_id);
	assert_int_equal(a.dom.id, 7);
}

static void attach_every_key(void **state)
{
	struct xenvf_attach_args a;
	const uint8_t mac[] = { 0x00, 0x16, 0x3e, 0x01, 0x02, 0x03 };

	(void)state;
	assert_int_equal(ATTACH(&a, "--timeout", "5", "g", "vf=62", "mac=00:16:3E:01:02:03",
				"vlan=4094", "qos=7", "trust=on", "spoofchk=off",
				"isolated=on", "queues=8", "mtu=9710", "link=disable", "hw-vf=3", "rate=500",
				"--no-wait"), 0);
	assert_int_equal(a.timeout, 5);
	assert_false(a.wait);
	assert_int_equal(a.opts.vf, 62);
	assert_true(a.opts.mac_set);
	assert_memory_equal(a.opts.mac, mac, 6);
	assert_int_equal(a.opts.vlan, 4094);
	assert_int_equal(a.opts.qos, 7);
	assert_int_equal(a.opts.trust, 1);
	assert_int_equal(a.opts.spoofchk, 0);
	assert_int_equal(a.opts.isolated, 1);
	assert_int_equal(a.opts.queues, 8);
	assert_int_equal(a.opts.mtu, 9710);
	assert_int_equal(a.opts.hw_vf, 3);
	assert_string_equal(a.opts.rate, "500");
	assert_int_equal(a.opts.link, XENVF_LINK_DISABLE);
	/* aliases: the backend's key names */
	assert_int_equal(ATTACH(&a, "g", "trusted=1", "link-state=enable",
				"--timeout=9"), 0);
	assert_int_equal(a.opts.trust, 1);
	assert_int_equal(a.opts.link, XENVF_LINK_ENABLE);
	assert_int_equal(a.timeout, 9);
	assert_int_equal(ATTACH(&a, "g", "vf=0", "vlan=0", "qos=0", "mtu=68",
				"queues=1", "link=auto", "trust=no", "isolated=0"), 0);
	assert_int_equal(a.opts.vf, 0);
	assert_int_equal(a.opts.isolated, 0);
	assert_int_equal(a.opts.link, XENVF_LINK_AUTO);
	assert_int_equal(a.opts.trust, 0);
}

static void xs_timeout_and_key_names(void **state)
{
	unsigned int t = 0;
	size_t i;

	(void)state;
	assert_int_equal(xenvf_parse_xs_timeout(NULL, &t, err, sizeof(err)), 0);
	assert_int_equal(t, 30);
	assert_int_equal(xenvf_parse_xs_timeout("1", &t, err, sizeof(err)), 0);
	assert_int_equal(t, 1);
	assert_int_equal(xenvf_parse_xs_timeout("3600", &t, err, sizeof(err)), 0);
	assert_int_equal(t, 3600);
	assert_int_equal(xenvf_parse_xs_timeout("0", &t, err, sizeof(err)), -EINVAL);
	assert_string_equal(err, "XENVF_XS_TIMEOUT '0' is not 1..3600 seconds");
	assert_int_equal(xenvf_parse_xs_timeout("3601", &t, err, sizeof(err)), -EINVAL);
	assert_int_equal(xenvf_parse_xs_timeout("", &t, err, sizeof(err)), -EINVAL);
	assert_int_equal(xenvf_parse_xs_timeout("5s", &t, err, sizeof(err)), -EINVAL);
	assert_int_equal(t, 3600);	/* unchanged on error */
	/* the key list attach --help is checked against (test_cli.c) */
	for (i = 0; xenvf_opt_key_name(i); i++)
		;
	assert_int_equal(i, 14);
	assert_string_equal(xenvf_opt_key_name(6), "isolated");
	assert_string_equal(xenvf_opt_key_name(9), "hw-vf");
	assert_string_equal(xenvf_opt_key_name(10), "rate");
	assert_string_equal(xenvf_opt_key_name(12), "vifname");
	assert_string_equal(xenvf_opt_key_name(13), "script");
}

/* Every bad input fails with a message naming it. */
static void attach_bad(void **state)
{
	static const struct {
		const char *arg;
		const char *msg;
	} bad[] = {
		{ "mac=01:00:5e:00:00:01", "invalid MAC" },	/* multicast */
		{ "mac=ff:ff:ff:ff:ff:ff", "invalid MAC" },	/* broadcast */
		{ "mac=00:00:00:00:00:00", "invalid MAC" },	/* zero */
		{ "mac=00:16:3e:00:00", "invalid MAC" },	/* short */
		{ "mac=00:16:3e:00:00:0g", "invalid MAC" },	/* not hex */
		{ "mac=", "invalid MAC" },
		{ "vlan=4095", "vlan '4095' out of range 0..4094" },
		{ "vlan=-1", "vlan '-1' is not a number" },
		{ "vlan=5x", "vlan '5x' is not a number" },
		{ "vlan=", "is not a number" },
		{ "qos=8", "qos '8' out of range 0..7" },
		{ "vf=63", "vf '63' out of range 0..62" },
		{ "vf=99999999999999999999", "out of range" },
		{ "queues=0", "queues '0' out of range 1..8" },
		{ "queues=9", "out of range 1..8" },
		{ "mtu=67", "mtu '67' out of range 68..9710" },
		{ "hw-vf=63", "hw-vf '63' out of range 0..62" },
		{ "rate=100001", "rate '100001' out of range (at most 100000 Mb/s" },
		{ "rate=10Mbit", "rate '10Mbit' is not RATE[@INTERVAL]" },
		{ "mtu=9711", "out of range 68..9710" },
		{ "trust=maybe", "trust 'maybe' is not on or off" },
		{ "spoofchk=", "is not on or off" },
		{ "isolated=2", "isolated '2' is not on or off" },
		{ "isolated=", "isolated '' is not on or off" },
		{ "link=up", "link 'up' is not auto, enable or disable" },
		{ "colour=blue", "unknown key 'colour'" },
		{ "vlan", "'vlan' is not key=value" },
		{ "=5", "'=5' is not key=value" },
		{ "averyveryveryveryveryverylongkeyname=1", "unknown key" },
		{ "vifname=", "vifname '' is not a network interface name" },
		{ "vifname=1234567890123456", "is not a network interface name" },
		{ "vifname=.", "is not a network interface name" },
		{ "vifname=..", "is not a network interface name" },
		{ "vifname=a/b", "is not a network interface name" },
		{ "vifname=a:b", "is not a network interface name" },
		{ "vifname=a b", "is not a network interface name" },
		{ "vifname=eth%d", "is not a network interface name" },
		{ "vifname=a;reboot", "is not a network interface name" },
		{ "vifname=a$(id)", "is not a network interface name" },
		{ "script=", "script '' is not a script path or name" },
		{ "script=/etc/xen/scripts/", "is not a script path or name" },
		{ "script=a b", "is not a script path or name" },
		{ "script=x;rm", "is not a script path or name" },
		{ "script=$HOME/x", "is not a script path or name" },
		{ "script=/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		  "is not a script path or name" },
	};
	struct xenvf_attach_args a;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		assert_int_equal(ATTACH(&a, "g", (char *)bad[i].arg), -EINVAL);
		if (!strstr(err, bad[i].msg))
			fail_msg("'%s': message '%s' lacks '%s'", bad[i].arg, err,
				 bad[i].msg);
	}
}

static void attach_bad_cmdline(void **state)
{
	struct xenvf_attach_args a;

	(void)state;
	assert_int_equal(xenvf_parse_attach(0, NULL, &a, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "missing domain"));
	assert_int_equal(ATTACH(&a, "g", "vlan=1", "vlan=2"), -EINVAL);
	assert_non_null(strstr(err, "vlan given twice"));
	assert_int_equal(ATTACH(&a, "g", "trust=on", "trusted=off"), -EINVAL);
	assert_non_null(strstr(err, "trust given twice"));
	assert_int_equal(ATTACH(&a, "g", "mac=00:16:3e:00:00:01", "mac=00:16:3e:00:00:02"), -EINVAL);
	assert_int_equal(ATTACH(&a, "g", "qos=3"), -EINVAL);
	assert_non_null(strstr(err, "qos 3 needs a port VLAN"));
	assert_int_equal(ATTACH(&a, "g", "qos=3", "vlan=0"), -EINVAL);
	assert_int_equal(ATTACH(&a, "g", "qos=3", "vlan=10"), 0);
	assert_int_equal(ATTACH(&a, "g", "--bogus"), -EINVAL);
	assert_non_null(strstr(err, "unknown option '--bogus'"));
	assert_int_equal(ATTACH(&a, "g", "--timeout"), -EINVAL);
	assert_int_equal(ATTACH(&a, "g", "--timeout", "0"), -EINVAL);
	assert_int_equal(ATTACH(&a, "g", "--timeout", "3601"), -EINVAL);
	assert_int_equal(ATTACH(&a, "g", "--timeout=x"), -EINVAL);
	assert_int_equal(ATTACH(&a, "--config", "a.cfg", "g", "vlan=3"), -EINVAL);
	assert_non_null(strstr(err, "--config takes the VFs from the file"));
	assert_int_equal(ATTACH(&a, "--config"), -EINVAL);
	assert_int_equal(ATTACH(&a, "--config=", "g"), -EINVAL);
	assert_int_equal(ATTACH(&a, "--config", "a", "--config", "b", "g"), -EINVAL);
	assert_int_equal(ATTACH(&a, "--config=a.cfg", "g"), 0);
	assert_string_equal(a.config, "a.cfg");
	assert_int_equal(ATTACH(&a, "g/x"), -EINVAL);
	assert_int_equal(ATTACH(&a, "99999"), -EINVAL);
	assert_int_equal(ATTACH(&a, ""), -EINVAL);
	/* dom0 (by id, or xl's name for it) is refused before any xenstore */
	assert_int_equal(ATTACH(&a, "0"), -EINVAL);
	assert_string_equal(err, "domain '0' is dom0, the backend domain: VFs are for guests");
	assert_int_equal(ATTACH(&a, "Domain-0", "vf=1"), -EINVAL);
	assert_non_null(strstr(err, "'Domain-0' is dom0"));
	assert_int_equal(ATTACH(&a, "--config", "a.cfg", "0"), -EINVAL);
	assert_int_equal(ATTACH(&a, "1"), 0);
	assert_int_equal(ATTACH(&a, "Domain-1"), 0);
	assert_int_equal(ATTACH(&a, "g", "--help"), 0);
	assert_true(a.help);
}

static void detach_show_set(void **state)
{
	struct xenvf_detach_args d;
	struct xenvf_vf_args v;

	(void)state;
	assert_int_equal(xenvf_parse_detach(2, ARGV("guest1", "3"), &d, err, sizeof(err)), 0);
	assert_int_equal(d.vf, 3);
	assert_false(d.force);
	assert_int_equal(xenvf_parse_detach(4, ARGV("--force", "g", "0", "--timeout=2"), &d,
					    err, sizeof(err)), 0);
	assert_true(d.force);
	assert_int_equal(d.timeout, 2);
	assert_int_equal(xenvf_parse_detach(1, ARGV("g"), &d, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "missing VF number"));
	assert_int_equal(xenvf_parse_detach(2, ARGV("g", "63"), &d, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "vf '63' out of range 0..62"));
	assert_int_equal(xenvf_parse_detach(3, ARGV("g", "1", "2"), &d, err, sizeof(err)), -EINVAL);
	assert_int_equal(xenvf_parse_detach(2, ARGV("g", "x"), &d, err, sizeof(err)), -EINVAL);

	assert_int_equal(xenvf_parse_show(2, ARGV("g", "0"), &v, err, sizeof(err)), 0);
	assert_int_equal(xenvf_parse_show(3, ARGV("g", "0", "vlan=1"), &v, err, sizeof(err)), -EINVAL);
	assert_int_equal(xenvf_parse_show(0, NULL, &v, err, sizeof(err)), -EINVAL);

	assert_int_equal(xenvf_parse_set(5, ARGV("g", "1", "vlan=7", "trust=off", "link=enable"),
					 &v, err, sizeof(err)), 0);
	assert_int_equal(v.opts.vlan, 7);
	assert_int_equal(v.opts.trust, 0);
	assert_int_equal(v.opts.link, XENVF_LINK_ENABLE);
	assert_int_equal(xenvf_parse_set(2, ARGV("g", "1"), &v, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "nothing to set"));
	assert_int_equal(xenvf_parse_set(3, ARGV("g", "1", "vf=2"), &v, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "cannot be changed at run time"));
	assert_int_equal(xenvf_parse_set(3, ARGV("g", "1", "mtu=9000"), &v, err, sizeof(err)), -EINVAL);
	assert_int_equal(xenvf_parse_set(3, ARGV("g", "1", "queues=2"), &v, err, sizeof(err)), -EINVAL);
	assert_int_equal(xenvf_parse_set(3, ARGV("g", "1", "hw-vf=2"), &v, err, sizeof(err)), -EINVAL);
	assert_int_equal(xenvf_parse_set(3, ARGV("g", "1", "mac=01:02:03:04:05:06"), &v, err,
					 sizeof(err)), -EINVAL);
	assert_int_equal(xenvf_parse_set(3, ARGV("g", "1", "vlan=4095"), &v, err, sizeof(err)), -EINVAL);
}

static void list_show_json_cmdline(void **state)
{
	struct xenvf_list_args l;
	struct xenvf_vf_args v;
	char err[XENVF_ERR_LEN];

	(void)state;
	assert_int_equal(xenvf_parse_list(0, NULL, &l, err, sizeof(err)), 0);
	assert_false(l.json || l.defined || l.has_dom);
	assert_int_equal(xenvf_parse_list(2, ARGV("-j", "guest1"), &l, err, sizeof(err)), 0);
	assert_true(l.json && l.has_dom && !l.dom.is_id);
	assert_string_equal(l.dom.text, "guest1");
	assert_int_equal(xenvf_parse_list(2, ARGV("7", "--json"), &l, err, sizeof(err)), 0);
	assert_true(l.json && l.has_dom && l.dom.is_id);
	assert_int_equal(l.dom.id, 7);
	assert_int_equal(xenvf_parse_list(1, ARGV("--defined"), &l, err, sizeof(err)), 0);
	assert_true(l.defined);
	assert_int_equal(xenvf_parse_list(2, ARGV("--defined", "-j"), &l, err, sizeof(err)), -EINVAL);
	assert_int_equal(xenvf_parse_list(2, ARGV("g1", "g2"), &l, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "unexpected argument 'g2'"));
	assert_int_equal(xenvf_parse_list(1, ARGV("-x"), &l, err, sizeof(err)), -EINVAL);
	assert_int_equal(xenvf_parse_list(1, ARGV("a/b"), &l, err, sizeof(err)), -EINVAL);
	assert_int_equal(xenvf_parse_list(1, ARGV("99999"), &l, err, sizeof(err)), -EINVAL);

	assert_int_equal(xenvf_parse_show(3, ARGV("-j", "g", "0"), &v, err, sizeof(err)), 0);
	assert_true(v.json);
	assert_int_equal(xenvf_parse_show(2, ARGV("g", "0"), &v, err, sizeof(err)), 0);
	assert_false(v.json);
	/* set takes no -j */
	assert_int_equal(xenvf_parse_set(4, ARGV("-j", "g", "0", "vlan=1"), &v, err, sizeof(err)),
			 -EINVAL);
}

static void create_cmdline(void **state)
{
	struct xenvf_create_args c;

	(void)state;
	assert_int_equal(xenvf_parse_create(4, ARGV("--no-wait", "g.cfg", "-p", "name=\"h\""),
					    &c, err, sizeof(err)), 0);
	assert_false(c.wait);
	assert_string_equal(c.config, "g.cfg");
	assert_int_equal(c.xl_argc, 2);
	assert_int_equal(c.xl_first, 2);
	assert_int_equal(xenvf_parse_create(0, NULL, &c, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "missing config file"));
	assert_int_equal(xenvf_parse_create(2, ARGV("--frob", "g.cfg"), &c, err, sizeof(err)), -EINVAL);
	/* xl's own options go after the file, untouched */
	assert_int_equal(xenvf_parse_create(3, ARGV("g.cfg", "--timeout", "x"), &c, err, sizeof(err)), 0);
	assert_int_equal(c.timeout, 30);
	assert_int_equal(xenvf_parse_create(1, ARGV("a=b.cfg"), &c, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "has a '='"));
}

static void entries(void **state)
{
	struct xenvf_vf_opts o;

	(void)state;
	assert_int_equal(xenvf_opts_parse_entry(&o, "", err, sizeof(err)), 0);
	assert_int_equal(o.vf, -1);
	assert_int_equal(xenvf_opts_parse_entry(&o, " mac=00:16:3e:00:00:01 , vlan=5,trust=on ",
						err, sizeof(err)), 0);
	assert_true(o.mac_set);
	assert_int_equal(o.vlan, 5);
	assert_int_equal(o.trust, 1);
	assert_int_equal(xenvf_opts_parse_entry(&o, "vlan=5,", err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "empty item"));
	assert_int_equal(xenvf_opts_parse_entry(&o, "vlan=5,,trust=on", err, sizeof(err)), -EINVAL);
	assert_int_equal(xenvf_opts_parse_entry(&o, "vlan=5000", err, sizeof(err)), -EINVAL);
	assert_int_equal(xenvf_opts_parse_entry(&o, "qos=1", err, sizeof(err)), -EINVAL);
	assert_int_equal(xenvf_opts_parse_entry(&o, "bridge=xenbr0", err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "unknown key 'bridge'"));
}

static const char *find(const struct xenvf_vf_nodes *v, const char *path)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		if (!strcmp(v->node[i].path, path))
			return v->node[i].value;
	return NULL;
}

/* vifname= and script=: kept as given, once, never changed at run time */
static void attach_vifname_script(void **state)
{
	struct xenvf_attach_args a;
	struct xenvf_vf_args v;
	static struct xenvf_vf_nodes nd;
	const uint8_t mac[] = { 0x00, 0x16, 0x3e, 0xaa, 0xbb, 0xcc };

	(void)state;
	assert_int_equal(ATTACH(&a, "g", "vifname=web-0.eth_1", "script=vif-log"), 0);
	assert_string_equal(a.opts.vifname, "web-0.eth_1");
	assert_string_equal(a.opts.script, "vif-log");
	assert_int_equal(ATTACH(&a, "g", "vifname=123456789012345",
				"script=/usr/local/lib/xen/vif-fw+acct"), 0);
	assert_string_equal(a.opts.vifname, "123456789012345");
	assert_string_equal(a.opts.script, "/usr/local/lib/xen/vif-fw+acct");
	assert_int_equal(ATTACH(&a, "g", "vifname=a", "vifname=b"), -EINVAL);
	assert_non_null(strstr(err, "vifname given twice"));
	assert_int_equal(ATTACH(&a, "g", "script=a", "script=b"), -EINVAL);
	assert_non_null(strstr(err, "script given twice"));
	assert_int_equal(xenvf_parse_set(3, ARGV("g", "1", "vifname=x"), &v, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "'vifname' cannot be changed at run time"));
	assert_int_equal(xenvf_parse_set(3, ARGV("g", "1", "script=x"), &v, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "'script' cannot be changed at run time"));
	/* the backend node gets both keys; none without them */
	assert_int_equal(ATTACH(&a, "g", "vf=2", "vifname=web0", "script=vif-log"), 0);
	assert_int_equal(xenvf_nodes_build(0, 3, &a.opts, mac, NULL, &nd), 0);
	assert_string_equal(find(&nd, "/local/domain/0/backend/xenvf/3/2/vifname"), "web0");
	assert_string_equal(find(&nd, "/local/domain/0/backend/xenvf/3/2/script"), "vif-log");
	assert_string_equal(nd.node[nd.n - 1].path, "/local/domain/3/device/xenvf/2/state");
	assert_int_equal(ATTACH(&a, "g", "vf=2"), 0);
	assert_int_equal(xenvf_nodes_build(0, 3, &a.opts, mac, NULL, &nd), 0);
	assert_null(find(&nd, "/local/domain/0/backend/xenvf/3/2/vifname"));
	assert_null(find(&nd, "/local/domain/0/backend/xenvf/3/2/script"));
	/* an xl config entry takes them too */
	assert_int_equal(xenvf_opts_parse_entry(&a.opts, "vifname=db0, script=vif-log",
						err, sizeof(err)), 0);
	assert_string_equal(a.opts.vifname, "db0");
}

static void nodes_attach(void **state)
{
	static struct xenvf_vf_nodes v;
	static const uint8_t uuid[16] = {
		0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,
		0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,
	};
	static const uint8_t null_uuid[16];
	struct xenvf_vf_opts o;
	const uint8_t mac[] = { 0x00, 0x16, 0x3e, 0xaa, 0xbb, 0xcc };

	(void)state;
	xenvf_opts_init(&o);
	assert_int_equal(xenvf_nodes_build(0, 3, &o, mac, NULL, &v), -EINVAL);
	o.vf = 2;
	assert_int_equal(xenvf_nodes_build(0, 3, &o, mac, NULL, &v), 0);
	assert_string_equal(v.be, "/local/domain/0/backend/xenvf/3/2");
	assert_string_equal(v.fe, "/local/domain/3/device/xenvf/2");
	assert_string_equal(find(&v, "/local/domain/0/backend/xenvf/3/2/frontend"), v.fe);
	assert_string_equal(find(&v, "/local/domain/0/backend/xenvf/3/2/frontend-id"), "3");
	assert_string_equal(find(&v, "/local/domain/0/backend/xenvf/3/2/online"), "1");
	assert_string_equal(find(&v, "/local/domain/0/backend/xenvf/3/2/mac"), "00:16:3e:aa:bb:cc");
	assert_string_equal(find(&v, "/local/domain/0/backend/xenvf/3/2/vlan"), "0");
	assert_string_equal(find(&v, "/local/domain/0/backend/xenvf/3/2/qos"), "0");
	assert_string_equal(find(&v, "/local/domain/0/backend/xenvf/3/2/trusted"), "0");
	assert_string_equal(find(&v, "/local/domain/0/backend/xenvf/3/2/spoofchk"), "1");
	assert_string_equal(find(&v, "/local/domain/0/backend/xenvf/3/2/isolated"), "0");
	assert_string_equal(find(&v, "/local/domain/0/backend/xenvf/3/2/link-state"), "auto");
	assert_string_equal(find(&v, "/local/domain/0/backend/xenvf/3/2/mtu"), "1500");
	assert_null(find(&v, "/local/domain/0/backend/xenvf/3/2/queues"));
	assert_string_equal(find(&v, "/local/domain/3/device/xenvf/2/backend"), v.be);
	assert_string_equal(find(&v, "/local/domain/3/device/xenvf/2/backend-id"), "0");
	/* both state nodes last, Initialising */
	assert_string_equal(v.node[v.n - 2].path, "/local/domain/0/backend/xenvf/3/2/state");
	assert_string_equal(v.node[v.n - 2].value, "1");
	assert_string_equal(v.node[v.n - 1].path, "/local/domain/3/device/xenvf/2/state");
	assert_string_equal(v.node[v.n - 1].value, "1");

	o.vlan = 10; o.qos = 3; o.trust = 1; o.spoofchk = 0; o.isolated = 1; o.queues = 4;
	o.mtu = 9000; o.link = XENVF_LINK_DISABLE;
	assert_int_equal(xenvf_nodes_build(0, 3, &o, mac, NULL, &v), 0);
	assert_string_equal(find(&v, "/local/domain/0/backend/xenvf/3/2/vlan"), "10");
	assert_string_equal(find(&v, "/local/domain/0/backend/xenvf/3/2/qos"), "3");
	assert_string_equal(find(&v, "/local/domain/0/backend/xenvf/3/2/trusted"), "1");
	assert_string_equal(find(&v, "/local/domain/0/backend/xenvf/3/2/spoofchk"), "0");
	assert_string_equal(find(&v, "/local/domain/0/backend/xenvf/3/2/isolated"), "1");
	assert_string_equal(find(&v, "/local/domain/0/backend/xenvf/3/2/queues"), "4");
	assert_string_equal(find(&v, "/local/domain/0/backend/xenvf/3/2/mtu"), "9000");
	assert_string_equal(find(&v, "/local/domain/0/backend/xenvf/3/2/link-state"), "disable");
	assert_string_equal(v.node[v.n - 1].path, "/local/domain/3/device/xenvf/2/state");
	assert_null(find(&v, "/local/domain/0/backend/xenvf/3/2/uuid"));

	/* the domain's UUID (MAC handover, docs/protocol.md); none if null */
	assert_int_equal(xenvf_nodes_build(0, 3, &o, mac, uuid, &v), 0);
	assert_string_equal(find(&v, "/local/domain/0/backend/xenvf/3/2/uuid"),
			    "01234567-89ab-cdef-0123-456789abcdef");
	assert_int_equal(xenvf_nodes_build(0, 3, &o, mac, null_uuid, &v), 0);
	assert_null(find(&v, "/local/domain/0/backend/xenvf/3/2/uuid"));
}

/*
 * The TX limit: xl's vif syntax RATE[@INTERVAL] and the plain Mb/s
 * number, parsed as the backend parses them (common/rate_spec.c).
 */
static void rate_forms(void **state)
{
	static const struct {
		const char *s;
		uint64_t bits;
		uint32_t us;
		uint64_t credit;	/* bytes per interval */
		uint32_t mbps;
	} good[] = {
		{ "0", 0, 50000, 0, 0 },
		{ "1", 1000000, 50000, 6250, 1 },
		{ "100000", 100000000000ULL, 50000, 625000000, 100000 },
		{ "10Mb/s@20ms", 10000000, 20000, 25000, 10 },
		{ "2Mb/s@20ms", 2000000, 20000, 5000, 2 },
		{ "1Gb/s", 1000000000, 50000, 6250000, 1000 },
		{ "100Gb/s@10s", 100000000000ULL, 10000000, 125000000000ULL, 100000 },
		{ "800b/s@10ms", 800, 10000, 1, 1 },
		{ "5Kb/s@1s", 5000, 1000000, 625, 1 },
		{ "1B/s@1s", 8, 1000000, 1, 1 },
		{ "3KB/s@500us", 24000, 500, 1, 1 },
		{ "12MB/s@1s", 96000000, 1000000, 12000000, 96 },
		{ "12GB/s", 96000000000ULL, 50000, 600000000, 96000 },
		{ "0Mb/s@20ms", 0, 20000, 0, 0 },
		{ "007Mb/s@010ms", 7000000, 10000, 8750, 7 },
		{ "1Mb/s@10000000us", 1000000, 10000000, 1250000, 1 },
	};
	static const struct {
		const char *s;
		int rc;
	} bad[] = {
		{ "", -EINVAL }, { "Mb/s", -EINVAL },
		{ "10 Mb/s", -EINVAL }, { "10mb/s", -EINVAL }, { "10Mbps", -EINVAL },
		{ "10Mb", -EINVAL }, { "10Mb/s@", -EINVAL }, { "10Mb/s@20", -EINVAL },
		{ "10Mb/s@20m", -EINVAL }, { "10Mb/s@ms", -EINVAL },
		{ "10Mb/s@20ms@1s", -EINVAL }, { "10@20ms", -EINVAL },
		{ "-1", -EINVAL }, { "+1", -EINVAL }, { "0x10", -EINVAL },
		{ "10Mb/s,20ms", -EINVAL }, { "1.5Mb/s", -EINVAL },
		{ "100001", -ERANGE }, { "101Gb/s", -ERANGE },
		{ "12500000001B/s", -ERANGE }, { "13GB/s", -ERANGE },
		{ "18446744073709551615b/s", -ERANGE },
		{ "18446744073709551616", -ERANGE },
		{ "99999999999999999999999Mb/s", -ERANGE },
		{ "1Mb/s@0ms", -ERANGE }, { "0Mb/s@0ms", -ERANGE },
		{ "1Mb/s@11s", -ERANGE },
		{ "1Mb/s@10000001us", -ERANGE },
		{ "1Mb/s@18446744073709551615s", -ERANGE },
		{ "1b/s@1s", -ERANGE },		/* under a byte per interval */
		{ "799b/s@10ms", -ERANGE },
	};
	struct xenvf_rate_spec r;
	struct xenvf_vf_opts o;
	char kv[64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		memset(&r, 0xa5, sizeof(r));
		assert_int_equal(xenvf_rate_spec_parse(good[i].s, &r), 0);
		assert_true(r.bits_per_sec == good[i].bits);
		assert_int_equal(r.interval_us, good[i].us);
		assert_true(xenvf_rate_spec_credit(&r) == good[i].credit);
		assert_int_equal(xenvf_rate_spec_mbps(&r), good[i].mbps);
		snprintf(kv, sizeof(kv), "rate=%s", good[i].s);
		xenvf_opts_init(&o);
		assert_int_equal(xenvf_opts_apply(&o, XENVF_OPTS_SET, kv, err, sizeof(err)), 0);
		assert_string_equal(o.rate, good[i].s);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&r, 0, sizeof(r));
		assert_int_equal(xenvf_rate_spec_parse(bad[i].s, &r), bad[i].rc);
		assert_true(r.bits_per_sec == 0);	/* untouched */
		snprintf(kv, sizeof(kv), "rate=%s", bad[i].s);
		xenvf_opts_init(&o);
		assert_int_equal(xenvf_opts_apply(&o, XENVF_OPTS_SET, kv, err, sizeof(err)), -EINVAL);
		assert_non_null(strstr(err, bad[i].rc == -ERANGE ? "out of range" : "is not RATE"));
	}
	/* plain N is Mb/s exactly; anything else is rounded up for hardware */
	assert_int_equal(xenvf_rate_spec_parse("500", &r), 0);
	assert_true(r.plain && xenvf_rate_spec_mbps_exact(&r));
	assert_int_equal(xenvf_rate_spec_parse("500Mb/s@50ms", &r), 0);
	assert_true(!r.plain && xenvf_rate_spec_mbps_exact(&r));
	assert_int_equal(xenvf_rate_spec_parse("500Mb/s@20ms", &r), 0);
	assert_false(xenvf_rate_spec_mbps_exact(&r));
	assert_int_equal(xenvf_rate_spec_parse("1500Kb/s", &r), 0);
	assert_int_equal(xenvf_rate_spec_mbps(&r), 2);
	assert_false(xenvf_rate_spec_mbps_exact(&r));

	/* the tool keeps the text; the backend's key gets it unchanged */
	xenvf_opts_init(&o);
	assert_int_equal(xenvf_opts_apply(&o, XENVF_OPTS_SET, "rate=10Mb/s@20ms", err, sizeof(err)), 0);
	assert_string_equal(o.rate, "10Mb/s@20ms");
	assert_int_equal(xenvf_opts_apply(&o, XENVF_OPTS_SET, "rate=1", err, sizeof(err)), -EINVAL);
	assert_string_equal(err, "rate given twice");
	assert_string_equal(o.rate, "10Mb/s@20ms");
	xenvf_opts_init(&o);
	assert_int_equal(xenvf_opts_apply(&o, XENVF_OPTS_SET, "rate=1Mb/s@0ms", err, sizeof(err)), -EINVAL);
	assert_string_equal(err, "rate '1Mb/s@0ms' out of range (at most 100000 Mb/s, interval 1us..10s, at least 1 byte per interval)");
	assert_string_equal(o.rate, "");
	assert_int_equal(xenvf_opts_apply(&o, XENVF_OPTS_SET, "rate=00000000000000000000000000000000000001", err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "is too long"));
	assert_string_equal(o.rate, "");
	assert_int_equal(xenvf_opts_parse_entry(&o, "vf=1,rate=2Mb/s@20ms,trust=on", err, sizeof(err)), 0);
	assert_string_equal(o.rate, "2Mb/s@20ms");
}

static void nodes_admin_pick_mac_state(void **state)
{
	struct xenvf_node n[8];
	struct xenvf_vf_opts o;
	bool used[XENVF_MAX_VFS] = { 0 };
	uint8_t mac[6];
	const uint8_t rnd[3] = { 0xff, 0x01, 0x02 };
	char b[32];
	int i;

	(void)state;
	xenvf_opts_init(&o);
	assert_int_equal(xenvf_admin_nodes(&o, n, 8), 0);
	assert_int_equal(xenvf_opts_apply(&o, XENVF_OPTS_SET, "trust=on", err, sizeof(err)), 0);
	assert_int_equal(xenvf_opts_apply(&o, XENVF_OPTS_SET, "link=disable", err, sizeof(err)), 0);
	assert_int_equal(xenvf_admin_nodes(&o, n, 8), 2);
	assert_string_equal(n[0].path, "trusted");
	assert_string_equal(n[0].value, "1");
	assert_string_equal(n[1].path, "link-state");
	assert_string_equal(n[1].value, "disable");
	/* isolated is set at run time too (xenvf set), as the backend's key */
	assert_int_equal(xenvf_opts_apply(&o, XENVF_OPTS_SET, "isolated=on", err, sizeof(err)), 0);
	assert_int_equal(xenvf_admin_nodes(&o, n, 8), 3);
	assert_string_equal(n[1].path, "isolated");
	assert_string_equal(n[1].value, "1");
	assert_int_equal(xenvf_opts_apply(&o, XENVF_OPTS_SET, "rate=2Mb/s@20ms", err, sizeof(err)), 0);
	assert_int_equal(xenvf_admin_nodes(&o, n, 8), 4);
	assert_string_equal(n[3].path, "rate");
	assert_string_equal(n[3].value, "2Mb/s@20ms");

	assert_int_equal(xenvf_pick_vf(used), 0);
	used[0] = used[1] = used[3] = true;
	assert_int_equal(xenvf_pick_vf(used), 2);
	for (i = 0; i < XENVF_MAX_VFS; i++)
		used[i] = true;
	assert_int_equal(xenvf_pick_vf(used), -1);

	xenvf_random_mac(rnd, mac);
	xenvf_format_mac(b, sizeof(b), mac);
	assert_string_equal(b, "00:16:3e:7f:01:02");
	assert_int_equal(xenvf_parse_mac(b, mac), 0);

	assert_string_equal(xenvf_state_name("4"), "Connected");
	assert_string_equal(xenvf_state_name("1"), "Initialising");
	assert_string_equal(xenvf_state_name("6"), "Closed");
	assert_string_equal(xenvf_state_name(NULL), "-");
	assert_string_equal(xenvf_state_name("42"), "42");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(attach_defaults),
		cmocka_unit_test(attach_every_key),
		cmocka_unit_test(attach_bad),
		cmocka_unit_test(attach_bad_cmdline),
		cmocka_unit_test(xs_timeout_and_key_names),
		cmocka_unit_test(detach_show_set),
		cmocka_unit_test(list_show_json_cmdline),
		cmocka_unit_test(create_cmdline),
		cmocka_unit_test(entries),
		cmocka_unit_test(nodes_attach),
		cmocka_unit_test(attach_vifname_script),
		cmocka_unit_test(nodes_admin_pick_mac_state),
		cmocka_unit_test(rate_forms),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
