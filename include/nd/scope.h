/** @file
 * libnd: scopes (included by nd.h). A scope owns the array handles made
 * while it is active and frees them in one call, so intermediate results
 * need no names and nested calls do not leak:
 *
 * @code
 * nd_array *softmax(const nd_array *x) {
 *     nd_scope *s = nd_scope_begin();
 *     if (!s) return NULL;
 *     int last = -1;
 *     nd_array *e = nd_exp(nd_subtract(x, nd_max(x, 1, &last, true)));
 *     nd_array *r = nd_keep(nd_divide(e, nd_sum(e, 1, &last, true)));
 *     nd_scope_end(s);
 *     return r;   // NULL (and nd_errmsg()) if any step failed
 * }
 * @endcode
 *
 * The rules:
 * - Ownership: while a scope is open on a thread, every array handle any
 *   libnd function makes on that thread (new arrays, views, 0-d arrays,
 *   wrapped memory, loaded files, DLPack imports) is owned by the newest
 *   open scope of that thread, the active one. Handles made with no scope
 *   open behave as without scopes: the caller frees them.
 * - Freeing: nd_scope_end() frees every handle the scope still owns.
 *   nd_free() of an owned handle frees it at once and removes it from its
 *   scope (no double free). A view keeps its memory alive as always, so
 *   freeing a scope's handles never invalidates a handle kept out of it.
 * - Keeping: nd_keep() moves a handle from the scope that owns it to that
 *   scope's parent (or out of every scope), so a function can return a
 *   result made in its own scope: `r = nd_keep(r); nd_scope_end(s);`.
 * - Nesting: scopes nest per thread. nd_scope_end() of a scope whose inner
 *   scopes are still open ends those first, so an early return that skips
 *   an inner nd_scope_end() does not leak.
 * - Threads: scopes are thread-local. A scope never owns a handle made on
 *   another thread (libnd's own worker threads included). An owned handle
 *   may be read from other threads, but must be freed, kept or have its
 *   scope ended on the thread that owns the scope; to hand a handle to
 *   another thread for good, nd_keep() it out of every scope first. Scopes
 *   still open when their thread exits are not ended (their handles leak).
 * - Cost: registering a handle is O(1) (a slot from a block list that grows
 *   by doubling; freed slots are reused), as is removing it.
 *
 * NumPy: none (Python's garbage collector); compare PyTorch's and JAX's
 * scoped contexts, or an arena. */
#ifndef ND_SCOPE_H
#define ND_SCOPE_H

/** @defgroup scopes Scopes
 * Thread-local, nestable owners of the handles made while they are
 * active; see nd/scope.h for the rules.
 */

/** An open scope; made by nd_scope_begin(), ended by nd_scope_end().
 *  @ingroup scopes */
typedef struct nd_scope nd_scope;

/** Opens a scope on the calling thread; it becomes the active scope (the
 * newest open one) and owns every handle libnd makes on this thread until
 * it ends or a newer scope opens. The previously active scope becomes its
 * parent.
 *  @return the scope, or NULL on error.
 *
 *  Errors: ND_ERR_NOMEM.
 *
 *  NumPy: none.
 *  @ingroup scopes
 */
ND_API nd_scope *nd_scope_begin(void);

/** Ends s: ends s's inner scopes that are still open (newest first), frees
 * every handle s still owns and closes s; its parent becomes active again.
 * Ending a scope that is not open on this thread (NULL, one already ended,
 * one of another thread) does nothing. Handles made by a scope already
 * ended are no longer tracked (do not end a scope twice: its address may
 * have been reused by a newer scope).
 *  @param s The scope, or NULL.
 *
 *  Errors: none.
 *
 *  NumPy: none.
 *  @ingroup scopes
 */
ND_API void nd_scope_end(nd_scope *s);

/** Moves a out of the scope that owns it into that scope's parent, or out
 * of every scope when it has none (the caller then frees a). A handle no
 * scope owns is returned as it is. `return nd_keep(r);` passes a failed r
 * (NULL) on, keeping its error.
 *  @param a The handle, or NULL.
 *  @return a; NULL if a is NULL or on error (a then stays in its scope,
 *  which frees it when it ends).
 *
 *  Errors: ND_ERR_NOMEM if the parent scope cannot grow.
 *
 *  NumPy: none.
 *  @ingroup scopes
 */
ND_API nd_array *nd_keep(nd_array *a);

/** Takes a out of the scope that owns it, whatever its depth: no scope
 * owns a afterwards and the caller (or an owner of its own, such as an
 * autodiff tape) frees it. A handle no scope owns is returned as it is.
 * Unlike nd_keep() it never allocates, so it cannot fail.
 *  @param a The handle, or NULL.
 *  @return a (NULL if a is NULL, keeping a pending error).
 *
 *  Errors: none.
 *
 *  NumPy: none.
 *  @ingroup scopes
 */
ND_API nd_array *nd_scope_release(nd_array *a);

#endif
