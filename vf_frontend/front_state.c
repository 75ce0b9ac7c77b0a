// SPDX-License-Identifier: GPL-2.0-only
/*
 * The frontend's reaction to backend state changes, as a pure function so it
 * can be tested exhaustively:
 *
 *   backend InitWait   and we are Initialising or Closed -> connect
 *                      (Closed: the backend came back after a reload)
 *   backend Connected  and we are Initialised            -> connected
 *   backend Closing    and we are not Closed             -> close
 *   backend Closed     and we are not Closed             -> close
 *   anything else                                        -> nothing
 */
#include "xenvf_front.h"

/**
 * xenvf_front_action() - what to do when the backend changes state
 * @own: the frontend's current state
 * @backend: the backend's new state
 *
 * Return: the action to take; XENVF_FRONT_NONE for states that need none,
 * including states a hostile backend should never show.
 */
enum xenvf_front_action xenvf_front_action(enum xenbus_state own,
					   enum xenbus_state backend)
{
	switch (backend) {
	case XenbusStateInitWait:
		if (own == XenbusStateInitialising || own == XenbusStateClosed)
			return XENVF_FRONT_CONNECT;
		return XENVF_FRONT_NONE;
	case XenbusStateConnected:
		if (own == XenbusStateInitialised)
			return XENVF_FRONT_CONNECTED;
		return XENVF_FRONT_NONE;
	case XenbusStateClosing:
	case XenbusStateClosed:
		if (own != XenbusStateClosed)
			return XENVF_FRONT_CLOSE;
		return XENVF_FRONT_NONE;
	default:
		return XENVF_FRONT_NONE;
	}
}

/**
 * xenvf_front_backend_gone() - has the backend let go of the device?
 * @backend: the backend's state
 *
 * Return: true once the backend is Closing, Closed or its node is gone.
 */
bool xenvf_front_backend_gone(enum xenbus_state backend)
{
	return backend == XenbusStateClosing || backend == XenbusStateClosed ||
	       backend == XenbusStateUnknown;
}
