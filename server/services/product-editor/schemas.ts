// The editor's input schemas live in shared/product-editor.ts (the form checks with them too).
import "server-only";
export * from "@/shared/product-editor";
