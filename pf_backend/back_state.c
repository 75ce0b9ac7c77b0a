// SPDX-License-Identifier: GPL-2.0-only
/*
 * The backend's xenbus state graph (the same walk as xen-netback's
 * set_backend_state):
 *
 *   Initialising --> InitWait --> Connected
 *        |              ^   \          |
 *        |              |    \         v
 *        +----------> Closed <-- Closing
 *
 * A request to reach a target state is carried out one edge at a time;
 * every edge out of Connected passes Closing so the data path is torn down
 * exactly once.
 */
#include "xenvf_back.h"

/**
 * xenvf_back_state_step() - next state on the way from @cur to @target
 * @cur: the backend's current state
 * @target: the state the backend was asked to reach
 *
 * Return: the state to switch to next (@target itself when one edge is
 * enough), @cur when @cur == @target, or XenbusStateUnknown when @target
 * cannot be reached from @cur (an invalid request, which callers must
 * treat as a bug in their own logic, not crash on).
 */
enum xenbus_state xenvf_back_state_step(enum xenbus_state cur,
					enum xenbus_state target)
{
	if (cur == target)
		return cur;

	switch (target) {
	case XenbusStateInitWait:
	case XenbusStateConnected:
	case XenbusStateClosing:
	case XenbusStateClosed:
		break;
	default:
		return XenbusStateUnknown;
	}

	switch (cur) {
	case XenbusStateInitialising:
		return target == XenbusStateClosed ? XenbusStateClosed :
						     XenbusStateInitWait;
	case XenbusStateInitWait:
		return target == XenbusStateConnected ? XenbusStateConnected :
							XenbusStateClosing;
	case XenbusStateConnected:
		return XenbusStateClosing;
	case XenbusStateClosing:
		return XenbusStateClosed;
	case XenbusStateClosed:
		return target == XenbusStateClosing ? XenbusStateClosing :
						      XenbusStateInitWait;
	default:
		return XenbusStateUnknown;
	}
}
