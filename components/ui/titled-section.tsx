/**
 * A region of a page named by its own h2 (aria-labelledby points at the heading's `id`).
 * `beside` sits next to the heading (a link, a select) in a row styled by `rowClassName`.
 */
export function TitledSection({
  as: Tag = "section",
  id,
  title,
  className,
  headingClassName = "text-lg font-semibold",
  headingTestId,
  beside,
  rowClassName,
  children,
}: {
  as?: "section" | "aside";
  id: string;
  title: React.ReactNode;
  className?: string;
  headingClassName?: string;
  headingTestId?: string;
  beside?: React.ReactNode;
  rowClassName?: string;
  children: React.ReactNode;
}) {
  const heading = (
    <h2 id={id} className={headingClassName} data-testid={headingTestId}>
      {title}
    </h2>
  );
  return (
    <Tag aria-labelledby={id} className={className}>
      {beside ? (
        <div className={rowClassName}>
          {heading}
          {beside}
        </div>
      ) : (
        heading
      )}
      {children}
    </Tag>
  );
}
