"use client";
import { useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";

const ACCEPT = "image/png,image/jpeg,image/webp,image/gif";

/** Product images: upload (PNG, JPEG, WebP, GIF up to 5 MB), reorder, remove; thumbnails. */
export function ImageManager({ images, onChange, error }: { images: string[]; onChange: (next: string[]) => void; error?: string }) {
  const inputId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState<string | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);

  async function upload(files: FileList | null) {
    if (!files?.length) return;
    setUploadError(null);
    const added: string[] = [];
    for (const file of Array.from(files)) {
      setUploading(file.name);
      try {
        const body = new FormData();
        body.set("file", file);
        const res = await fetch("/api/uploads", { method: "POST", body });
        const json = (await res.json().catch(() => ({}))) as { url?: string; message?: string };
        if (!res.ok || !json.url) {
          setUploadError(`${file.name}: ${json.message ?? "the upload failed"}`);
          break;
        }
        added.push(json.url);
      } catch {
        setUploadError(`${file.name}: the upload failed. Check your connection and try again.`);
        break;
      }
    }
    setUploading(null);
    if (added.length) onChange([...images, ...added]);
    if (fileRef.current) fileRef.current.value = "";
  }

  function move(i: number, by: number) {
    const next = [...images];
    const [it] = next.splice(i, 1);
    next.splice(i + by, 0, it!);
    onChange(next);
  }

  return (
    <fieldset className="flex flex-col gap-3">
      <legend className="text-sm font-medium text-slate-800">Images</legend>
      {images.length === 0 ? (
        <p className="text-sm text-slate-600">No images yet. The storefront shows a placeholder until you add one.</p>
      ) : (
        <ol className="flex flex-wrap gap-3" aria-label="Product images">
          {images.map((src, i) => (
            <li key={`${src}-${i}`} className="flex w-32 flex-col gap-1 rounded-md border border-slate-200 bg-white p-2" data-testid="image-item">
              {/* eslint-disable-next-line @next/next/no-img-element -- our own small images */}
              <img src={src} alt={`Image ${i + 1}${i === 0 ? " (main)" : ""}`} width={112} height={112} className="h-28 w-28 rounded object-cover" />
              <span className="text-xs text-slate-600">{i === 0 ? "Main image" : `Image ${i + 1}`}</span>
              <div className="flex gap-1">
                <button type="button" className="rounded border border-slate-300 px-1 text-xs disabled:text-slate-300" onClick={() => move(i, -1)} disabled={i === 0} aria-label={`Move image ${i + 1} earlier`}>
                  ←
                </button>
                <button type="button" className="rounded border border-slate-300 px-1 text-xs disabled:text-slate-300" onClick={() => move(i, 1)} disabled={i === images.length - 1} aria-label={`Move image ${i + 1} later`}>
                  →
                </button>
                <button type="button" className="rounded border border-slate-300 px-1 text-xs text-red-700" onClick={() => onChange(images.filter((_, j) => j !== i))} aria-label={`Remove image ${i + 1}`}>
                  Remove
                </button>
              </div>
            </li>
          ))}
        </ol>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <label htmlFor={inputId} className="text-sm font-medium text-slate-800">
          Upload images
        </label>
        <input id={inputId} ref={fileRef} type="file" accept={ACCEPT} multiple disabled={uploading !== null} onChange={(e) => void upload(e.target.files)} className="text-sm" />
        {uploading ? (
          <span role="status" className="text-sm text-slate-600">
            Uploading {uploading}…
          </span>
        ) : null}
      </div>
      <p className="text-xs text-slate-500">PNG, JPEG, WebP or GIF, up to 5 MB each. The first image is the main one.</p>
      {uploadError || error ? (
        <p role="alert" className="text-sm text-red-700">
          {uploadError ?? error}
        </p>
      ) : null}
      {images.length > 0 ? (
        <Button variant="ghost" className="self-start" onClick={() => onChange([])}>
          Remove all images
        </Button>
      ) : null}
    </fieldset>
  );
}
