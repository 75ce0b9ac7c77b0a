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
 * exactly once. A refused connect (InitWait -> Closing) or a protocol
 * violation (Connected -> Closing) leaves the backend in Closing with
 * nothing mapped; when the frontend re-initialises (Closed or
 * Initialising) the backend returns to InitWait and accepts a new connect,
 * as netback's "prepare for reconnect".
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

/**
 * xenvf_back_state_target() - the state the backend goes for when the
 * frontend reaches @fe
 * @cur: the backend's current state
 * @fe: the frontend's new state
 * @online: the toolstack's online key is 1 (the device stays)
 *
 * A frontend that is Initialised or Connected is connected to from
 * InitWait only: after a refused connect or a violation the backend waits
 * in Closing (or Closed) for the frontend to re-initialise instead of
 * retrying the same keys. A frontend that goes Closed or Initialising is
 * met in InitWait (ready for a reconnect) while @online; an offline or
 * vanished frontend is met in Closed (the caller then removes the device).
 *
 * Return: the target for xenvf_back_state_step(), @cur for nothing to do,
 * or XenbusStateUnknown for a frontend state that makes no sense.
 */
enum xenbus_state xenvf_back_state_target(enum xenbus_state cur,
					  enum xenbus_state fe, bool online)
{
	switch (fe) {
	case XenbusStateInitialising:
		return XenbusStateInitWait;
	case XenbusStateInitialised:
	case XenbusStateConnected:
		if (cur == XenbusStateInitWait || cur == XenbusStateConnected)
			return XenbusStateConnected;
		return cur;	/* refused or broken: wait for a re-initialise */
	case XenbusStateClosing:
		return XenbusStateClosing;
	case XenbusStateClosed:
		return online ? XenbusStateInitWait : XenbusStateClosed;
	case XenbusStateUnknown:
		return XenbusStateClosed;
	default:
		return XenbusStateUnknown;
	}
}
