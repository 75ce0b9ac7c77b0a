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

/**
 * xenvf_front_resume_step() - what to do about a device that resumed in a
 * new domain before its nodes were in xenstore
 * @have_otherend: xenbus knows the backend (the resume found it)
 * @frontend_node: our node names a backend (backend, backend-id)
 * @backend_node: the backend node it names exists
 * @waited_ms: since the wait began
 * @timed_out: the wait already timed out (only the watch wakes us now)
 *
 * Return: connect as soon as both nodes exist; otherwise poll until
 * XENVF_FRONT_RESUME_WAIT_MS, then time out once and rely on the watch.
 */
enum xenvf_front_resume_step xenvf_front_resume_step(bool have_otherend,
						     bool frontend_node,
						     bool backend_node,
						     unsigned int waited_ms,
						     bool timed_out)
{
	if (have_otherend)
		return XENVF_RESUME_IDLE;
	if (frontend_node && backend_node)
		return XENVF_RESUME_ATTACH;
	if (timed_out)
		return XENVF_RESUME_IDLE;
	if (waited_ms >= XENVF_FRONT_RESUME_WAIT_MS)
		return XENVF_RESUME_TIMEOUT;
	return XENVF_RESUME_WAIT;
}
