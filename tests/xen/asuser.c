// SPDX-License-Identifier: GPL-2.0-only
/*
 * xenvf-asuser CMD [ARGS...]: run CMD as uid/gid 65534 (nobody), with no
 * capabilities, in the rig's dom0 (its busybox has no setpriv --reuid and
 * no /etc/passwd for su). For the checks that a read needs no privilege.
 */
#include <grp.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs("usage: xenvf-asuser CMD [ARGS...]\n", stderr);
		return 2;
	}
	if (setgroups(0, NULL) || setgid(65534) || setuid(65534)) {
		perror("xenvf-asuser");
		return 1;
	}
	execvp(argv[1], argv + 1);
	perror(argv[1]);
	return 127;
}
