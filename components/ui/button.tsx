import Link from "next/link";
import type { ButtonHTMLAttributes, ComponentProps, ReactNode } from "react";

type Variant = "primary" | "secondary" | "ghost";

const styles: Record<Variant, string> = {
  primary: "bg-brand-600 text-white hover:bg-brand-700 disabled:bg-slate-400",
  secondary: "border border-slate-300 bg-white text-slate-900 hover:bg-slate-100 disabled:text-slate-400",
  ghost: "text-slate-700 hover:bg-slate-100 disabled:text-slate-400",
};

/** `pending` (a mutation in flight) disables the button and shows `pendingLabel` instead of its
 * children, so a form says what it is doing and cannot be sent twice. */
export function Button({
  variant = "primary",
  className = "",
  type = "button",
  pending = false,
  pendingLabel,
  disabled,
  children,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant; pending?: boolean; pendingLabel?: ReactNode }) {
  return (
    <button
      type={type}
      className={`inline-flex items-center justify-center gap-2 rounded-md px-4 py-2 text-sm font-medium transition-colors disabled:cursor-not-allowed ${styles[variant]} ${className}`}
      disabled={pending || disabled}
      {...props}
    >
      {pending && pendingLabel !== undefined ? pendingLabel : children}
    </button>
  );
}

/**
 * The look of a button for elements that are not a Button: links to another page, a download,
 * a plain GET form's submit button.
 */
export const buttonClass = {
  primary: "rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700",
  secondary: "rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-100",
} as const;

/** A link that looks like a button. */
export function ButtonLink({ variant = "primary", ...props }: ComponentProps<typeof Link> & { variant?: keyof typeof buttonClass }) {
  return <Link className={buttonClass[variant]} {...props} />;
}
