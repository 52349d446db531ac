import Link from "next/link";
import type { Session } from "next-auth";
import { SearchBox } from "@/components/catalog/search-box";
import { LiveIndicator } from "@/components/realtime/live-indicator";
import { CartLink } from "./cart-link";
import { SignOutButton } from "./sign-out-button";

/** The header of every page; `user` is the signed-in user (the root layout reads the session). */
export function SiteHeader({ user }: { user: Session["user"] | null }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <nav aria-label="Main" className="mx-auto flex max-w-6xl items-center gap-4 px-4 py-3">
        <Link href="/" className="text-lg font-bold text-brand-700">
          Livemarket
        </Link>
        <SearchBox landmarkLabel="Site search" className="hidden min-w-0 sm:flex" />
        <div className="ml-auto flex min-w-0 flex-wrap items-center justify-end gap-x-3 gap-y-1 text-sm lg:shrink-0 lg:flex-nowrap">
          <LiveIndicator />
          <CartLink />
          {user ? <Link href="/orders" className="hover:underline">Orders</Link> : null}
          {user ? <Link href="/account" className="hover:underline">Account</Link> : null}
          {user?.role === "SELLER" ? <Link href="/seller" className="hover:underline">Seller dashboard</Link> : null}
          {user?.role === "ADMIN" ? <Link href="/admin" className="hover:underline">Admin</Link> : null}
          {user ? (
            <>
              <span className="text-slate-600" data-testid="signed-in-as">
                Signed in as <strong className="font-medium text-slate-900">{user.name}</strong>
              </span>
              <SignOutButton />
            </>
          ) : (
            <>
              <Link href="/signin" className="hover:underline">Sign in</Link>
              <Link href="/register" className="rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700">
                Create account
              </Link>
            </>
          )}
        </div>
      </nav>
    </header>
  );
}
