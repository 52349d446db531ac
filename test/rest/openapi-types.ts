// Generated from GET /api/v1/openapi.json by `npm run api:types`; do not edit.
export interface paths {
    "/api/v1/products": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search and list products
         * @description The storefront's search: text, category, brands, price range, stock, sort, cursor pagination.
         */
        get: operations["listProducts"];
        put?: never;
        /**
         * Create a product with its variants
         * @description Needs a store's API key with the `catalog:write` scope.
         */
        post: operations["createProduct"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/products/{product}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A product on sale, by its slug */
        get: operations["getProduct"];
        /**
         * Replace a product's fields and variants (If-Match: its version)
         * @description 412 with details.current (the saved product) when the version is not the current one.
         *
         *     Needs a store's API key with the `catalog:write` scope.
         */
        put: operations["updateProduct"];
        post?: never;
        /**
         * Archive a product (it leaves the shop; its history stays)
         * @description Needs a store's API key with the `catalog:write` scope.
         */
        delete: operations["archiveProduct"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/products/{product}/reviews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A product's reviews, newest first
         * @description Visible reviews of a product on sale (hidden ones are left out); the product's average and distribution are on the product itself.
         */
        get: operations["listProductReviews"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Top-level categories with their subcategories */
        get: operations["listCategories"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create a customer account */
        post: operations["register"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in: an access token and a refresh token
         * @description Email and password, plus `code` (TOTP or a recovery code) when the account has two-factor on: without it the answer is 401 with details.codeRequired. Throttled like the sign-in page.
         */
        post: operations["createToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A new token pair for a refresh token (each refresh token works once)
         * @description Presenting a refresh token a second time ends its session (a copy was stolen or replayed).
         */
        post: operations["refreshToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out: end the session of a refresh token (or of the bearer access token) */
        post: operations["revokeToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cart": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The customer's cart
         * @description Needs a customer access token.
         */
        get: operations["getCart"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cart/items/{variantId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set a variant's quantity in the cart (0 removes it)
         * @description Needs a customer access token.
         */
        put: operations["putCartItem"];
        post?: never;
        /**
         * Remove a variant from the cart
         * @description Needs a customer access token.
         */
        delete: operations["deleteCartItem"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cart/shipping-quote": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Each store's shipping options for the cart to an address
         * @description Per store's part of the cart: its options for the address with their prices (priced on the part's goods subtotal and weight), the cheapest to preselect, or why it cannot ship there. Place the order with `shipping: [{ storeId, rateId }]`; a store left out ships with its cheapest option.
         *
         *     Needs a customer access token.
         */
        get: operations["getShippingQuote"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The customer's orders, newest first
         * @description Needs a customer access token.
         */
        get: operations["listOrders"];
        put?: never;
        /**
         * Place an order (idempotent with Idempotency-Key)
         * @description Orders the given lines, or the cart when `lines` is absent. The same Idempotency-Key with the same body returns the first order again (201, header Idempotent-Replayed: true); with a different body, 409. Concurrent requests with one key make one order.
         *
         *     Needs a customer access token.
         */
        post: operations["placeOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/guest-orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Place an order without an account (idempotent with Idempotency-Key)
         * @description Orders the given lines for a guest known by `delivery.email` (the Idempotency-Key is scoped to that email). The answer's `link` is a signed URL of the order's page, also mailed to the guest; an account later created and verified with that email takes the order over.
         */
        post: operations["placeGuestOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{orderId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One of the customer's orders
         * @description Needs a customer access token.
         */
        get: operations["getOrder"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{orderId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel one of the customer's orders while nothing has shipped
         * @description Needs a customer access token.
         */
        post: operations["cancelOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/store/products/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A product of the key's store (any status), with its version as ETag
         * @description Needs a store's API key with the `catalog:read` scope.
         */
        get: operations["getStoreProduct"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/variants/{id}/stock-adjustments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add or remove stock with a reason (a ledger movement)
         * @description Needs a store's API key with the `inventory:write` scope.
         */
        post: operations["adjustStock"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/variants/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a variant's price (If-Match: the product's version)
         * @description Needs a store's API key with the `inventory:write` scope.
         */
        patch: operations["updateVariantPrice"];
        trace?: never;
    };
    "/api/v1/variants/{id}/movements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A variant's stock ledger, newest first
         * @description Needs a store's API key with the `inventory:write` scope.
         */
        get: operations["listMovements"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/store/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The store's orders, newest first
         * @description Needs a store's API key with the `orders:read` scope.
         */
        get: operations["listStoreOrders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/store/orders/{orderId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One of the store's orders: its items of this store and its fulfilment
         * @description Needs a store's API key with the `orders:read` scope.
         */
        get: operations["getStoreOrder"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/store/orders/{orderId}/transitions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move the store's part of an order (pack, ship with carrier and tracking, deliver, cancel)
         * @description Needs a store's API key with the `orders:write` scope.
         */
        post: operations["transitionStoreOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/store/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import products from CSV: a dry run, then apply its plan
         * @description The CSV columns are those of the seller's export (docs/api.md). `mode=dry-run` changes nothing and answers the counts, the errors by line and a token; `mode=apply&token=…` applies that plan in one transaction, or answers 409 (VERSION_CONFLICT) when the catalogue or the file changed since the dry run, 400 with details.errors when the file has errors.
         *
         *     Needs a store's API key with the `catalog:write` scope.
         */
        post: operations["importProducts"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Users, found by part of their email or name
         * @description Needs a platform API key with the `admin` scope.
         */
        get: operations["listUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a user's role and/or disable or enable them
         * @description Role changes and disabling end the user's sessions, as on the admin pages; an admin cannot demote or disable themselves.
         *
         *     Needs a platform API key with the `admin` scope.
         */
        patch: operations["updateUser"];
        trace?: never;
    };
    "/api/v1/admin/stores": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Stores, found by part of their name
         * @description Needs a platform API key with the `admin` scope.
         */
        get: operations["listStores"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The key's store's (or the platform's) webhook endpoints, newest first
         * @description Needs a store's API key (for the store's own) or a platform key (for the platform's) with the `webhooks:write` scope.
         */
        get: operations["listWebhookEndpoints"];
        put?: never;
        /**
         * Add a webhook endpoint (answers its signing secret, once)
         * @description Only http(s) URLs; in production private and loopback addresses are refused. A store's key adds an endpoint of its store, a platform key one of the platform.
         *
         *     Needs a store's API key (for the store's own) or a platform key (for the platform's) with the `webhooks:write` scope.
         */
        post: operations["createWebhookEndpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a webhook endpoint (its pending deliveries are dropped)
         * @description Needs a store's API key (for the store's own) or a platform key (for the platform's) with the `webhooks:write` scope.
         */
        delete: operations["deleteWebhookEndpoint"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An endpoint's delivery log (status, latency, response excerpt), newest first
         * @description Needs a store's API key (for the store's own) or a platform key (for the platform's) with the `webhooks:write` scope.
         */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a delivery once more, now (same event id and body)
         * @description Needs a store's API key (for the store's own) or a platform key (for the platform's) with the `webhooks:write` scope.
         */
        post: operations["redeliverWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        PlaceOrderInput: {
            lines?: {
                variantId: string;
                quantity: number;
            }[];
            delivery: {
                name: string;
                phone: string;
                zip: string;
                city: string;
                address: string;
                /** @default  */
                region: string;
                /** @default US */
                country: string;
                email: string;
            };
            shipping?: {
                storeId: string;
                rateId: string;
            }[];
            payment: {
                /** @constant */
                method: "card";
                cardNumber: string;
                expiry: string;
                cvc: string;
                nameOnCard?: string;
            } | {
                /** @constant */
                method: "cod";
            };
            discountCode?: string;
        };
        PlaceGuestOrderInput: {
            lines: {
                variantId: string;
                quantity: number;
            }[];
            delivery: {
                name: string;
                phone: string;
                zip: string;
                city: string;
                address: string;
                /** @default  */
                region: string;
                /** @default US */
                country: string;
                email: string;
            };
            shipping?: {
                storeId: string;
                rateId: string;
            }[];
            payment: {
                /** @constant */
                method: "card";
                cardNumber: string;
                expiry: string;
                cvc: string;
                nameOnCard?: string;
            } | {
                /** @constant */
                method: "cod";
            };
            discountCode?: string;
        };
        ProductList: {
            data: components["schemas"]["ProductCard"][];
            /** @description Pass as ?cursor= for the next page; null on the last page */
            nextCursor: string | null;
            /** @description The URL of the next page (also in the Link header); null on the last page */
            next: string | null;
        };
        ProductCard: {
            id: string;
            slug: string;
            title: string;
            brand: string;
            images: string[];
            /**
             * Format: date-time
             * @description ISO 8601, UTC
             * @example 2026-12-03T10:15:00.000Z
             */
            createdAt: string;
            /** @description Visible reviews */
            ratingCount: number;
            /** @description Sum of the visible reviews' stars: the average is ratingSum / ratingCount */
            ratingSum: number;
            /** @description Grows with every change of the aggregates */
            ratingVersion: number;
            category: {
                slug: string;
                name: string;
            };
            store: {
                slug: string;
                name: string;
            };
            variants: {
                id: string;
                title: string;
                /** @description Money in the currency's minor units (cents) */
                priceMinor: number;
                compareAtMinor?: number | null;
                /**
                 * @description ISO 4217 code
                 * @example USD
                 */
                currency: string;
                stock: number;
                lowStockThreshold: number;
                version: number;
            }[];
        };
        /** @description RFC 9457 problem details with the app's error code and field errors */
        Problem: {
            /** @description A URI reference naming the problem type: /docs/api#problem-<appCode> */
            type: string;
            title: string;
            status: number;
            detail: string;
            /** @enum {string} */
            appCode: "VALIDATION" | "UNAUTHENTICATED" | "FORBIDDEN" | "TWO_FACTOR_REQUIRED" | "NOT_FOUND" | "CONFLICT" | "VERSION_CONFLICT" | "IDEMPOTENCY_CONFLICT" | "INSUFFICIENT_STOCK" | "PAYMENT_DECLINED" | "PAYMENT_EXPIRED" | "RATE_LIMITED" | "TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "METHOD_NOT_ALLOWED" | "INTERNAL";
            fieldErrors: {
                [key: string]: string[];
            } | null;
            details: {
                [key: string]: unknown;
            } | null;
        };
        StoreProduct: {
            id: string;
            slug: string;
            title: string;
            description: string;
            brand: string;
            categoryId: string;
            category: {
                id: string;
                name: string;
                slug: string;
            };
            images: string[];
            /** @enum {string} */
            status: "DRAFT" | "ACTIVE" | "ARCHIVED";
            version: number;
            /**
             * Format: date-time
             * @description ISO 8601, UTC
             * @example 2026-12-03T10:15:00.000Z
             */
            updatedAt: string;
            variants: {
                id: string;
                sku: string;
                title: string;
                options: {
                    name: string;
                    value: string;
                }[];
                /** @description Money in the currency's minor units (cents) */
                priceMinor: number;
                compareAtMinor: number | null;
                /**
                 * @description ISO 4217 code
                 * @example USD
                 */
                currency: string;
                stock: number;
                lowStockThreshold: number;
                position: number;
                version: number;
            }[];
        };
        ProductDetail: {
            id: string;
            slug: string;
            title: string;
            brand: string;
            description: string;
            images: string[];
            /**
             * Format: date-time
             * @description ISO 8601, UTC
             * @example 2026-12-03T10:15:00.000Z
             */
            createdAt: string;
            /** @description Visible reviews */
            ratingCount: number;
            /** @description Sum of the visible reviews' stars: the average is ratingSum / ratingCount */
            ratingSum: number;
            /** @description Grows with every change of the aggregates */
            ratingVersion: number;
            /** @description Visible reviews per star: [1 star, 2 stars, ..., 5 stars] */
            ratingCounts: number[];
            store: {
                name: string;
                slug: string;
            };
            category: {
                name: string;
                slug: string;
                parent: {
                    name: string;
                    slug: string;
                } | null;
            };
            variants: {
                id: string;
                title: string;
                /** @description Money in the currency's minor units (cents) */
                priceMinor: number;
                compareAtMinor?: number | null;
                /**
                 * @description ISO 4217 code
                 * @example USD
                 */
                currency: string;
                stock: number;
                lowStockThreshold: number;
                version: number;
                sku: string;
                options: {
                    [key: string]: string;
                };
            }[];
        };
        ReviewList: {
            data: components["schemas"]["Review"][];
            /** @description Pass as ?cursor= for the next page; null on the last page */
            nextCursor: string | null;
            /** @description The URL of the next page (also in the Link header); null on the last page */
            next: string | null;
        };
        Review: {
            id: string;
            rating: number;
            /** @description Plain text as the customer wrote it (render it as text, never as HTML) */
            body: string;
            /** @description The reviewer's first name and initial */
            author: string;
            /**
             * @description Every review comes from a delivered order of the reviewer's
             * @constant
             */
            verified: true;
            /**
             * Format: date-time
             * @description ISO 8601, UTC
             * @example 2026-12-03T10:15:00.000Z
             */
            createdAt: string;
            edited: boolean;
            /** @description The store's reply */
            reply: {
                body: string;
                /**
                 * Format: date-time
                 * @description ISO 8601, UTC
                 * @example 2026-12-03T10:15:00.000Z
                 */
                at: string;
                storeName: string;
            } | null;
        };
        Category: {
            id: string;
            slug: string;
            name: string;
            children: {
                id: string;
                slug: string;
                name: string;
            }[];
        };
        TokenPair: {
            /** @description Bearer token for customer operations (lm_at_…) */
            accessToken: string;
            /** @constant */
            tokenType: "Bearer";
            /** @description Seconds the access token lasts */
            expiresIn: number;
            /** @description Used once at POST /auth/refresh for a new pair (lm_rt_…) */
            refreshToken: string;
            refreshExpiresIn: number;
        };
        Cart: {
            lines: ({
                variantId: string;
                productId: string;
                slug: string;
                title: string;
                sku: string;
                quantity: number;
                /** @description Money in the currency's minor units (cents) */
                priceMinor: number;
                /**
                 * @description ISO 4217 code
                 * @example USD
                 */
                currency: string;
                stock: number;
                /** @description Money in the currency's minor units (cents) */
                lineTotalMinor: number;
                problems: string[];
            } & {
                [key: string]: unknown;
            })[];
            /**
             * @description ISO 4217 code
             * @example USD
             */
            currency: string;
        } & {
            [key: string]: unknown;
        };
        ShippingQuote: {
            country: string;
            region: string;
            /** @description False when a store's part cannot ship to the address (its `unavailable` says why) */
            shippable: boolean;
            parts: {
                storeId: string;
                storeName: string;
                /**
                 * @description ISO 4217 code
                 * @example USD
                 */
                currency: string;
                /** @description Money in the currency's minor units (cents) */
                subtotalMinor: number;
                options: {
                    rateId: string;
                    name: string;
                    /** @description Money in the currency's minor units (cents) */
                    costMinor: number;
                    freeAboveMinor: number | null;
                }[];
                cheapestRateId: string | null;
                unavailable: string | null;
            }[];
        };
        PlacedOrder: {
            id: string;
            /**
             * @description The order's short number, e.g. LM-7K3Q9 (paths take it or the id)
             * @example LM-7K3Q9
             */
            number: string;
            orderUid: string;
            /** @enum {string} */
            status: "PLACED" | "PAID";
            /** @description Money in the currency's minor units (cents) */
            totalMinor: number;
            /**
             * @description ISO 4217 code
             * @example USD
             */
            currency: string;
        };
        OrderSummaryList: {
            data: components["schemas"]["OrderSummary"][];
            /** @description Pass as ?cursor= for the next page; null on the last page */
            nextCursor: string | null;
            /** @description The URL of the next page (also in the Link header); null on the last page */
            next: string | null;
        };
        OrderSummary: {
            id: string;
            /**
             * @description The order's short number, e.g. LM-7K3Q9 (paths take it or the id)
             * @example LM-7K3Q9
             */
            number: string;
            orderUid: string;
            status: string;
            /** @description Money in the currency's minor units (cents) */
            totalMinor: number;
            /**
             * @description ISO 4217 code
             * @example USD
             */
            currency: string;
            /**
             * Format: date-time
             * @description ISO 8601, UTC
             * @example 2026-12-03T10:15:00.000Z
             */
            createdAt: string;
        } & {
            [key: string]: unknown;
        };
        GuestPlacedOrder: {
            id: string;
            /**
             * @description The order's short number, e.g. LM-7K3Q9 (paths take it or the id)
             * @example LM-7K3Q9
             */
            number: string;
            orderUid: string;
            /** @enum {string} */
            status: "PLACED" | "PAID";
            /** @description Money in the currency's minor units (cents) */
            totalMinor: number;
            /**
             * @description ISO 4217 code
             * @example USD
             */
            currency: string;
            /** @description The order's page for whoever holds this signed link (no account needed); also mailed to delivery.email */
            link: string;
        };
        Order: {
            id: string;
            /**
             * @description The order's short number, e.g. LM-7K3Q9 (paths take it or the id)
             * @example LM-7K3Q9
             */
            number: string;
            orderUid: string;
            status: string;
            /**
             * @description ISO 4217 code
             * @example USD
             */
            currency: string;
            /** @description Money in the currency's minor units (cents) */
            goodsTotalMinor: number;
            /** @description Money in the currency's minor units (cents) */
            deliveryCostMinor: number;
            /** @description Money in the currency's minor units (cents) */
            totalMinor: number;
            /** @description All the order's tax (its lines' and its shipping's), included in prices or added; 0 without tax */
            taxMinor: number;
            /** @description Money in the currency's minor units (cents) */
            shippingTaxMinor: number;
            /** @description The tax's name at order time (VAT, Sales tax); empty without tax */
            taxName: string;
            /** @description The rate used, in millionths: 88750 = 8.875% */
            taxRatePpm: number;
            /** @description The tax as shown: the part added to the total and the part already inside prices; null without tax */
            tax: {
                name: string;
                ratePpm: number;
                /** @description Money in the currency's minor units (cents) */
                addedMinor: number;
                /** @description Money in the currency's minor units (cents) */
                includedMinor: number;
            } | null;
            /**
             * Format: date-time
             * @description ISO 8601, UTC
             * @example 2026-12-03T10:15:00.000Z
             */
            createdAt: string;
            items: ({
                id: string;
                name: string;
                quantity: number;
                /** @description The line's tax on its amount after its discount share */
                taxMinor: number;
                taxRatePpm: number;
                /** @description True: the tax was inside the price (the store's prices include tax); false: added */
                taxIncluded: boolean;
            } & {
                [key: string]: unknown;
            })[];
            parts: ({
                storeId: string;
                status: string;
                /** @description The shipping option this part was placed with; null for an order placed before per-seller shipping */
                shipping: {
                    name: string;
                    /** @description Money in the currency's minor units (cents) */
                    costMinor: number;
                } | null;
                totals: {
                    /** @description Money in the currency's minor units (cents) */
                    subtotalMinor: number;
                    /** @description Money in the currency's minor units (cents) */
                    discountMinor: number;
                    /** @description Money in the currency's minor units (cents) */
                    shippingMinor: number;
                    /** @description All tax of the part: its lines' and its shipping's */
                    taxMinor: number;
                    /** @description The part of taxMinor already inside the prices (not added to totalMinor) */
                    taxIncludedMinor: number;
                    /** @description Money in the currency's minor units (cents) */
                    totalMinor: number;
                };
            } & {
                [key: string]: unknown;
            })[];
        } & {
            [key: string]: unknown;
        };
        VariantChange: {
            variantId: string;
            stock?: number;
            /** @description Money in the currency's minor units (cents) */
            priceMinor?: number;
            version?: number;
        } & {
            [key: string]: unknown;
        };
        StockMovementList: {
            data: components["schemas"]["StockMovement"][];
            /** @description Pass as ?cursor= for the next page; null on the last page */
            nextCursor: string | null;
            /** @description The URL of the next page (also in the Link header); null on the last page */
            next: string | null;
        };
        StockMovement: {
            id: string;
            delta: number;
            reason: string;
            /**
             * Format: date-time
             * @description ISO 8601, UTC
             * @example 2026-12-03T10:15:00.000Z
             */
            createdAt: string;
        } & {
            [key: string]: unknown;
        };
        StoreOrderList: {
            data: components["schemas"]["StoreOrderSummary"][];
            /** @description Pass as ?cursor= for the next page; null on the last page */
            nextCursor: string | null;
            /** @description The URL of the next page (also in the Link header); null on the last page */
            next: string | null;
        };
        StoreOrderSummary: {
            orderId: string;
            number: string;
            orderUid: string;
        } & {
            [key: string]: unknown;
        };
        StoreOrder: {
            id: string;
            number: string;
            orderUid: string;
        } & {
            [key: string]: unknown;
        };
        TransitionResult: {
            [key: string]: unknown;
        };
        ImportResult: {
            /** @constant */
            mode: "dry-run";
            rowCount: number;
            counts: components["schemas"]["ImportCounts"];
            /** @description The first 500 errors, by line */
            errors: {
                line: number;
                column?: string;
                message: string;
            }[];
            errorCount: number;
            /** @description Pass as ?token= to apply exactly this plan */
            token: string;
        } | {
            /** @constant */
            mode: "apply";
            counts: components["schemas"]["ImportCounts"];
        };
        /** @description Rows (variants) created, updated, unchanged; products created and updated; stock and price changes */
        ImportCounts: {
            create: number;
            update: number;
            unchanged: number;
            productsCreate: number;
            productsUpdate: number;
            stockChanges: number;
            priceChanges: number;
        };
        AdminUserList: {
            data: components["schemas"]["AdminUser"][];
            /** @description Pass as ?cursor= for the next page; null on the last page */
            nextCursor: string | null;
            /** @description The URL of the next page (also in the Link header); null on the last page */
            next: string | null;
        };
        AdminUser: {
            id: string;
            email: string;
            name: string;
            /** @enum {string} */
            role: "CUSTOMER" | "SELLER" | "ADMIN";
            disabledAt: string | null;
            /**
             * Format: date-time
             * @description ISO 8601, UTC
             * @example 2026-12-03T10:15:00.000Z
             */
            createdAt: string;
        } & {
            [key: string]: unknown;
        };
        UpdatedUser: {
            id: string;
            /** @enum {string} */
            role: "CUSTOMER" | "SELLER" | "ADMIN";
        } & {
            [key: string]: unknown;
        };
        AdminStoreList: {
            data: components["schemas"]["AdminStore"][];
            /** @description Pass as ?cursor= for the next page; null on the last page */
            nextCursor: string | null;
            /** @description The URL of the next page (also in the Link header); null on the last page */
            next: string | null;
        };
        AdminStore: {
            id: string;
            name: string;
            slug: string;
        } & {
            [key: string]: unknown;
        };
        CreatedWebhookEndpoint: {
            endpoint: components["schemas"]["WebhookEndpoint"];
            /** @description The signing secret, shown this once: verify Livemarket-Signature with it */
            secret: string;
        };
        WebhookEndpoint: {
            id: string;
            storeId: string | null;
            url: string;
            description: string | null;
            events: ("order.placed" | "order.status_changed" | "order.cancelled" | "stock.changed" | "price.changed" | "product.updated")[];
            secretHint: string;
            /** @enum {string} */
            state: "active" | "failing" | "disabled";
            failingSince: string | null;
            disabledAt: string | null;
            disabledReason: string | null;
            /**
             * Format: date-time
             * @description ISO 8601, UTC
             * @example 2026-12-03T10:15:00.000Z
             */
            createdAt: string;
        };
        WebhookEndpointList: {
            data: components["schemas"]["WebhookEndpoint"][];
        };
        WebhookDeliveryList: {
            data: components["schemas"]["WebhookDelivery"][];
            /** @description Pass as ?cursor= for the next page; null on the last page */
            nextCursor: string | null;
            /** @description The URL of the next page (also in the Link header); null on the last page */
            next: string | null;
        };
        WebhookDelivery: {
            id: string;
            endpointId: string;
            eventId: string;
            /** @enum {string} */
            eventType: "order.placed" | "order.status_changed" | "order.cancelled" | "stock.changed" | "price.changed" | "product.updated";
            /** @enum {string} */
            status: "PENDING" | "DELIVERED" | "FAILED";
            attempts: number;
            lastStatus: number | null;
            lastError: string | null;
            lastLatencyMs: number | null;
            lastResponse: string | null;
            lastAttemptAt: string | null;
            nextAttemptAt: string | null;
            deliveredAt: string | null;
            /**
             * Format: date-time
             * @description ISO 8601, UTC
             * @example 2026-12-03T10:15:00.000Z
             */
            createdAt: string;
        };
        RedeliveryQueued: {
            /** @constant */
            queued: true;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listProducts: {
        parameters: {
            query?: {
                /** @description Free text (web-search syntax) */
                q?: string;
                /** @description A category slug; a top-level category includes its subcategories */
                category?: string;
                /** @description Brand names (repeat for several) */
                brand?: string | string[];
                /** @description Minor units, inclusive */
                minPrice?: number;
                /** @description Minor units, inclusive */
                maxPrice?: number;
                inStock?: "true" | "false";
                /** @description Default: relevance with q, else newest */
                sort?: "relevance" | "price_asc" | "price_desc" | "newest" | "rating";
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of products */
            200: {
                headers: {
                    /** @description Requests allowed in the window */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProductList"];
                };
            };
            /** @description Invalid input: appCode VALIDATION with fieldErrors (path.*, query.*, header.* or body fields). appCode: VALIDATION */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, unknown, revoked or expired credentials. appCode: UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: wait Retry-After seconds. appCode: RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createProduct: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    title: string;
                    slug: string;
                    /** @default  */
                    description?: string;
                    /** @default  */
                    brand?: string;
                    categoryId: string;
                    /** @default [] */
                    images?: string[];
                    /** @enum {string} */
                    status?: "DRAFT" | "ACTIVE" | "ARCHIVED";
                    variants: {
                        id?: string;
                        sku: string;
                        /** @default  */
                        title?: string;
                        /** @default [] */
                        options?: {
                            name: string;
                            value: string;
                        }[];
                        priceMinor: number;
                        /** @default null */
                        compareAtMinor?: number | null;
                        /** @default USD */
                        currency?: string;
                        lowStockThreshold: number;
                        position?: number;
                        initialStock?: number;
                    }[];
                };
            };
        };
        responses: {
            /** @description The product (ETag: its version) */
            201: {
                headers: {
                    /** @description Requests allowed in the window */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StoreProduct"];
                };
            };
            /** @description Invalid input: appCode VALIDATION with fieldErrors (path.*, query.*, header.* or body fields). appCode: VALIDATION */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, unknown, revoked or expired credentials. appCode: UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this (wrong kind, missing scope). appCode: FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is too large. appCode: TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of the media type the operation reads (JSON, or none). appCode: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: wait Retry-After seconds. appCode: RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getProduct: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The product's slug */
                product: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The product with its variants */
            200: {
                headers: {
                    /** @description Requests allowed in the window */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProductDetail"];
                };
            };
            /** @description Invalid input: appCode VALIDATION with fieldErrors (path.*, query.*, header.* or body fields). appCode: VALIDATION */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, unknown, revoked or expired credentials. appCode: UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's). appCode: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: wait Retry-After seconds. appCode: RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateProduct: {
        parameters: {
            query?: never;
            header: {
                /** @description The version you loaded (the ETag, e.g. "3") */
                "If-Match": string;
            };
            path: {
                /** @description The product's id */
                product: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    title: string;
                    slug: string;
                    /** @default  */
                    description?: string;
                    /** @default  */
                    brand?: string;
                    categoryId: string;
                    /** @default [] */
                    images?: string[];
                    /** @enum {string} */
                    status?: "DRAFT" | "ACTIVE" | "ARCHIVED";
                    variants: {
                        id?: string;
                        sku: string;
                        /** @default  */
                        title?: string;
                        /** @default [] */
                        options?: {
                            name: string;
                            value: string;
                        }[];
                        priceMinor: number;
                        /** @default null */
                        compareAtMinor?: number | null;
                        /** @default USD */
                        currency?: string;
                        lowStockThreshold: number;
                        position?: number;
                        initialStock?: number;
                    }[];
                };
            };
        };
        responses: {
            /** @description The saved product */
            200: {
                headers: {
                    /** @description Requests allowed in the window */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StoreProduct"];
                };
            };
            /** @description Invalid input: appCode VALIDATION with fieldErrors (path.*, query.*, header.* or body fields). appCode: VALIDATION */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, unknown, revoked or expired credentials. appCode: UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this (wrong kind, missing scope). appCode: FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's). appCode: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match names an old version: details.current is the current state. appCode: VERSION_CONFLICT */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is too large. appCode: TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of the media type the operation reads (JSON, or none). appCode: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: wait Retry-After seconds. appCode: RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    archiveProduct: {
        parameters: {
            query?: never;
            header?: {
                /** @description The version you loaded (the ETag, e.g. "3"); without it, whatever is saved now */
                "If-Match"?: string;
            };
            path: {
                /** @description The product's id */
                product: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The archived product */
            200: {
                headers: {
                    /** @description Requests allowed in the window */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StoreProduct"];
                };
            };
            /** @description Invalid input: appCode VALIDATION with fieldErrors (path.*, query.*, header.* or body fields). appCode: VALIDATION */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, unknown, revoked or expired credentials. appCode: UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this (wrong kind, missing scope). appCode: FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's). appCode: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match names an old version: details.current is the current state. appCode: VERSION_CONFLICT */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is too large. appCode: TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of the media type the operation reads (JSON, or none). appCode: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: wait Retry-After seconds. appCode: RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listProductReviews: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path: {
                /** @description The product's slug */
                product: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of reviews */
            200: {
                headers: {
                    /** @description Requests allowed in the window */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewList"];
                };
            };
            /** @description Invalid input: appCode VALIDATION with fieldErrors (path.*, query.*, header.* or body fields). appCode: VALIDATION */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, unknown, revoked or expired credentials. appCode: UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's). appCode: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: wait Retry-After seconds. appCode: RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listCategories: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The category tree */
            200: {
                headers: {
                    /** @description Requests allowed in the window */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Category"][];
                    };
                };
            };
            /** @description No, unknown, revoked or expired credentials. appCode: UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: wait Retry-After seconds. appCode: RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    register: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    email: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description The new account */
            201: {
                headers: {
                    /** @description Requests allowed in the window */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        email: string;
                        name: string;
                        /** @constant */
                        role: "CUSTOMER";
                    };
                };
            };
            /** @description Invalid input: appCode VALIDATION with fieldErrors (path.*, query.*, header.* or body fields). appCode: VALIDATION */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, unknown, revoked or expired credentials. appCode: UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict (appCode tells which). appCode: CONFLICT */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is too large. appCode: TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of the media type the operation reads (JSON, or none). appCode: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: wait Retry-After seconds. appCode: RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email: string;
                    password: string;
                    code?: string;
                };
            };
        };
        responses: {
            /** @description A token pair */
            200: {
                headers: {
                    /** @description Requests allowed in the window */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPair"];
                };
            };
            /** @description Invalid input: appCode VALIDATION with fieldErrors (path.*, query.*, header.* or body fields). appCode: VALIDATION */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, unknown, revoked or expired credentials. appCode: UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is too large. appCode: TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of the media type the operation reads (JSON, or none). appCode: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: wait Retry-After seconds. appCode: RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    refreshToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: starts_with */
                    refreshToken: string;
                };
            };
        };
        responses: {
            /** @description A new token pair */
            200: {
                headers: {
                    /** @description Requests allowed in the window */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPair"];
                };
            };
            /** @description Invalid input: appCode VALIDATION with fieldErrors (path.*, query.*, header.* or body fields). appCode: VALIDATION */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, unknown, revoked or expired credentials. appCode: UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is too large. appCode: TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of the media type the operation reads (JSON, or none). appCode: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: wait Retry-After seconds. appCode: RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    revokeToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: starts_with */
                    refreshToken?: string;
                };
            };
        };
        responses: {
            /** @description Revoked (also for an unknown token, RFC 7009) */
            200: {
                headers: {
                    /** @description Requests allowed in the window */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        revoked: true;
                    };
                };
            };
            /** @description Invalid input: appCode VALIDATION with fieldErrors (path.*, query.*, header.* or body fields). appCode: VALIDATION */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, unknown, revoked or expired credentials. appCode: UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is too large. appCode: TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of the media type the operation reads (JSON, or none). appCode: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: wait Retry-After seconds. appCode: RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCart: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The cart with its lines and totals */
            200: {
                headers: {
                    /** @description Requests allowed in the window */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Cart"];
                };
            };
            /** @description No, unknown, revoked or expired credentials. appCode: UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this (wrong kind, missing scope). appCode: FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: wait Retry-After seconds. appCode: RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putCartItem: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The variant */
                variantId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    quantity: number;
                };
            };
        };
        responses: {
            /** @description The cart after the change */
            200: {
                headers: {
                    /** @description Requests allowed in the window */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Cart"];
                };
            };
            /** @description Invalid input: appCode VALIDATION with fieldErrors (path.*, query.*, header.* or body fields). appCode: VALIDATION */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, unknown, revoked or expired credentials. appCode: UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this (wrong kind, missing scope). appCode: FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's). appCode: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict (appCode tells which). appCode: INSUFFICIENT_STOCK */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is too large. appCode: TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of the media type the operation reads (JSON, or none). appCode: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: wait Retry-After seconds. appCode: RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteCartItem: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The variant */
                variantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The cart after the change */
            200: {
                headers: {
                    /** @description Requests allowed in the window */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Cart"];
                };
            };
            /** @description Invalid input: appCode VALIDATION with fieldErrors (path.*, query.*, header.* or body fields). appCode: VALIDATION */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, unknown, revoked or expired credentials. appCode: UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this (wrong kind, missing scope). appCode: FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's). appCode: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is too large. appCode: TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of the media type the operation reads (JSON, or none). appCode: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: wait Retry-After seconds. appCode: RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getShippingQuote: {
        parameters: {
            query: {
                country: string;
                region?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The options per store */
            200: {
                headers: {
                    /** @description Requests allowed in the window */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ShippingQuote"];
                };
            };
            /** @description Invalid input: appCode VALIDATION with fieldErrors (path.*, query.*, header.* or body fields). appCode: VALIDATION */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, unknown, revoked or expired credentials. appCode: UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this (wrong kind, missing scope). appCode: FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: wait Retry-After seconds. appCode: RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listOrders: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of orders */
            200: {
                headers: {
                    /** @description Requests allowed in the window */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderSummaryList"];
                };
            };
            /** @description Invalid input: appCode VALIDATION with fieldErrors (path.*, query.*, header.* or body fields). appCode: VALIDATION */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, unknown, revoked or expired credentials. appCode: UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this (wrong kind, missing scope). appCode: FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: wait Retry-After seconds. appCode: RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    placeOrder: {
        parameters: {
            query?: never;
            header: {
                /** @description One key per attempt; retries send the same key */
                "Idempotency-Key": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PlaceOrderInput"];
            };
        };
        responses: {
            /** @description The order */
            201: {
                headers: {
                    /** @description Requests allowed in the window */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlacedOrder"];
                };
            };
            /** @description Invalid input: appCode VALIDATION with fieldErrors (path.*, query.*, header.* or body fields). appCode: VALIDATION */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, unknown, revoked or expired credentials. appCode: UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The payment was declined. appCode: PAYMENT_DECLINED */
            402: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this (wrong kind, missing scope). appCode: FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict (appCode tells which). appCode: IDEMPOTENCY_CONFLICT, INSUFFICIENT_STOCK, PAYMENT_EXPIRED */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is too large. appCode: TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of the media type the operation reads (JSON, or none). appCode: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: wait Retry-After seconds. appCode: RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    placeGuestOrder: {
        parameters: {
            query?: never;
            header: {
                /** @description One key per attempt; retries send the same key */
                "Idempotency-Key": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PlaceGuestOrderInput"];
            };
        };
        responses: {
            /** @description The order */
            201: {
                headers: {
                    /** @description Requests allowed in the window */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GuestPlacedOrder"];
                };
            };
            /** @description Invalid input: appCode VALIDATION with fieldErrors (path.*, query.*, header.* or body fields). appCode: VALIDATION */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, unknown, revoked or expired credentials. appCode: UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The payment was declined. appCode: PAYMENT_DECLINED */
            402: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict (appCode tells which). appCode: IDEMPOTENCY_CONFLICT, INSUFFICIENT_STOCK, PAYMENT_EXPIRED */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is too large. appCode: TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of the media type the operation reads (JSON, or none). appCode: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: wait Retry-After seconds. appCode: RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The order's id or its number (LM-7K3Q9) */
                orderId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The order */
            200: {
                headers: {
                    /** @description Requests allowed in the window */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            /** @description Invalid input: appCode VALIDATION with fieldErrors (path.*, query.*, header.* or body fields). appCode: VALIDATION */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, unknown, revoked or expired credentials. appCode: UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this (wrong kind, missing scope). appCode: FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's). appCode: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: wait Retry-After seconds. appCode: RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    cancelOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The order's id or its number (LM-7K3Q9) */
                orderId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The order after cancelling */
            200: {
                headers: {
                    /** @description Requests allowed in the window */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            /** @description Invalid input: appCode VALIDATION with fieldErrors (path.*, query.*, header.* or body fields). appCode: VALIDATION */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, unknown, revoked or expired credentials. appCode: UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this (wrong kind, missing scope). appCode: FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's). appCode: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict (appCode tells which). appCode: CONFLICT */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is too large. appCode: TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of the media type the operation reads (JSON, or none). appCode: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: wait Retry-After seconds. appCode: RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getStoreProduct: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The product */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The product */
            200: {
                headers: {
                    /** @description Requests allowed in the window */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StoreProduct"];
                };
            };
            /** @description Invalid input: appCode VALIDATION with fieldErrors (path.*, query.*, header.* or body fields). appCode: VALIDATION */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, unknown, revoked or expired credentials. appCode: UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this (wrong kind, missing scope). appCode: FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's). appCode: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: wait Retry-After seconds. appCode: RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    adjustStock: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The variant */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    delta: number;
                    /** @enum {string} */
                    reason: "RESTOCK" | "CORRECTION" | "DAMAGE";
                    /** @default  */
                    note?: string;
                    expectedStock?: number;
                };
            };
        };
        responses: {
            /** @description The variant after the change */
            201: {
                headers: {
                    /** @description Requests allowed in the window */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VariantChange"];
                };
            };
            /** @description Invalid input: appCode VALIDATION with fieldErrors (path.*, query.*, header.* or body fields). appCode: VALIDATION */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, unknown, revoked or expired credentials. appCode: UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this (wrong kind, missing scope). appCode: FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's). appCode: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict (appCode tells which). appCode: VERSION_CONFLICT */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is too large. appCode: TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of the media type the operation reads (JSON, or none). appCode: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: wait Retry-After seconds. appCode: RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateVariantPrice: {
        parameters: {
            query?: never;
            header: {
                /** @description The version you loaded (the ETag, e.g. "3") */
                "If-Match": string;
            };
            path: {
                /** @description The variant */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    priceMinor: number;
                };
            };
        };
        responses: {
            /** @description The variant after the change */
            200: {
                headers: {
                    /** @description Requests allowed in the window */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VariantChange"];
                };
            };
            /** @description Invalid input: appCode VALIDATION with fieldErrors (path.*, query.*, header.* or body fields). appCode: VALIDATION */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, unknown, revoked or expired credentials. appCode: UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this (wrong kind, missing scope). appCode: FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's). appCode: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match names an old version: details.current is the current state. appCode: VERSION_CONFLICT */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is too large. appCode: TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of the media type the operation reads (JSON, or none). appCode: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: wait Retry-After seconds. appCode: RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listMovements: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path: {
                /** @description The variant */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of movements */
            200: {
                headers: {
                    /** @description Requests allowed in the window */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StockMovementList"];
                };
            };
            /** @description Invalid input: appCode VALIDATION with fieldErrors (path.*, query.*, header.* or body fields). appCode: VALIDATION */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, unknown, revoked or expired credentials. appCode: UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this (wrong kind, missing scope). appCode: FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's). appCode: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: wait Retry-After seconds. appCode: RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listStoreOrders: {
        parameters: {
            query?: {
                status?: "PLACED" | "PAID" | "PACKED" | "SHIPPED" | "DELIVERED" | "CANCELLED" | "REFUNDED" | "NEEDS_ATTENTION";
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of orders */
            200: {
                headers: {
                    /** @description Requests allowed in the window */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StoreOrderList"];
                };
            };
            /** @description Invalid input: appCode VALIDATION with fieldErrors (path.*, query.*, header.* or body fields). appCode: VALIDATION */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, unknown, revoked or expired credentials. appCode: UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this (wrong kind, missing scope). appCode: FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: wait Retry-After seconds. appCode: RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getStoreOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The order's id or its number (LM-7K3Q9) */
                orderId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The order */
            200: {
                headers: {
                    /** @description Requests allowed in the window */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StoreOrder"];
                };
            };
            /** @description Invalid input: appCode VALIDATION with fieldErrors (path.*, query.*, header.* or body fields). appCode: VALIDATION */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, unknown, revoked or expired credentials. appCode: UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this (wrong kind, missing scope). appCode: FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's). appCode: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: wait Retry-After seconds. appCode: RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    transitionStoreOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The order's id or its number (LM-7K3Q9) */
                orderId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    to: "PLACED" | "PAID" | "PACKED" | "SHIPPED" | "DELIVERED" | "CANCELLED" | "REFUNDED" | "NEEDS_ATTENTION";
                    expectedVersion: number;
                    /** @enum {string} */
                    carrier?: "ups" | "usps" | "fedex" | "dhl" | "livemarket-post";
                    trackingNumber?: string;
                    /** @default  */
                    note?: string;
                };
            };
        };
        responses: {
            /** @description The result of the transition */
            200: {
                headers: {
                    /** @description Requests allowed in the window */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TransitionResult"];
                };
            };
            /** @description Invalid input: appCode VALIDATION with fieldErrors (path.*, query.*, header.* or body fields). appCode: VALIDATION */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, unknown, revoked or expired credentials. appCode: UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this (wrong kind, missing scope). appCode: FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's). appCode: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict (appCode tells which). appCode: VERSION_CONFLICT, CONFLICT */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is too large. appCode: TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of the media type the operation reads (JSON, or none). appCode: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: wait Retry-After seconds. appCode: RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    importProducts: {
        parameters: {
            query: {
                mode: "dry-run" | "apply";
                /** @description The dry run's token (apply only) */
                token?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The CSV file (at most 10 MB) */
        requestBody: {
            content: {
                "text/csv": string;
                "application/octet-stream": string;
            };
        };
        responses: {
            /** @description The dry run's plan, or the applied counts */
            200: {
                headers: {
                    /** @description Requests allowed in the window */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportResult"];
                };
            };
            /** @description Invalid input: appCode VALIDATION with fieldErrors (path.*, query.*, header.* or body fields). appCode: VALIDATION */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, unknown, revoked or expired credentials. appCode: UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this (wrong kind, missing scope). appCode: FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict (appCode tells which). appCode: VERSION_CONFLICT */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is too large. appCode: TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of the media type the operation reads (JSON, or none). appCode: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: wait Retry-After seconds. appCode: RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listUsers: {
        parameters: {
            query?: {
                q?: string;
                role?: "CUSTOMER" | "SELLER" | "ADMIN";
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of users */
            200: {
                headers: {
                    /** @description Requests allowed in the window */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminUserList"];
                };
            };
            /** @description Invalid input: appCode VALIDATION with fieldErrors (path.*, query.*, header.* or body fields). appCode: VALIDATION */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, unknown, revoked or expired credentials. appCode: UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this (wrong kind, missing scope). appCode: FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: wait Retry-After seconds. appCode: RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The user */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    role?: "CUSTOMER" | "SELLER" | "ADMIN";
                    disabled?: boolean;
                };
            };
        };
        responses: {
            /** @description The user */
            200: {
                headers: {
                    /** @description Requests allowed in the window */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UpdatedUser"];
                };
            };
            /** @description Invalid input: appCode VALIDATION with fieldErrors (path.*, query.*, header.* or body fields). appCode: VALIDATION */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, unknown, revoked or expired credentials. appCode: UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this (wrong kind, missing scope). appCode: FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's). appCode: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is too large. appCode: TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of the media type the operation reads (JSON, or none). appCode: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: wait Retry-After seconds. appCode: RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listStores: {
        parameters: {
            query?: {
                q?: string;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of stores */
            200: {
                headers: {
                    /** @description Requests allowed in the window */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminStoreList"];
                };
            };
            /** @description Invalid input: appCode VALIDATION with fieldErrors (path.*, query.*, header.* or body fields). appCode: VALIDATION */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, unknown, revoked or expired credentials. appCode: UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this (wrong kind, missing scope). appCode: FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: wait Retry-After seconds. appCode: RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listWebhookEndpoints: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The endpoints */
            200: {
                headers: {
                    /** @description Requests allowed in the window */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointList"];
                };
            };
            /** @description No, unknown, revoked or expired credentials. appCode: UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this (wrong kind, missing scope). appCode: FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: wait Retry-After seconds. appCode: RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    url: string;
                    events: ("order.placed" | "order.status_changed" | "order.cancelled" | "stock.changed" | "price.changed" | "product.updated")[];
                    description?: string;
                };
            };
        };
        responses: {
            /** @description The endpoint and its secret */
            201: {
                headers: {
                    /** @description Requests allowed in the window */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedWebhookEndpoint"];
                };
            };
            /** @description Invalid input: appCode VALIDATION with fieldErrors (path.*, query.*, header.* or body fields). appCode: VALIDATION */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, unknown, revoked or expired credentials. appCode: UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this (wrong kind, missing scope). appCode: FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict (appCode tells which). appCode: CONFLICT */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is too large. appCode: TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of the media type the operation reads (JSON, or none). appCode: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: wait Retry-After seconds. appCode: RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The endpoint */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed */
            204: {
                headers: {
                    /** @description Requests allowed in the window */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: appCode VALIDATION with fieldErrors (path.*, query.*, header.* or body fields). appCode: VALIDATION */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, unknown, revoked or expired credentials. appCode: UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this (wrong kind, missing scope). appCode: FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's). appCode: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is too large. appCode: TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of the media type the operation reads (JSON, or none). appCode: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: wait Retry-After seconds. appCode: RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path: {
                /** @description The endpoint */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of deliveries */
            200: {
                headers: {
                    /** @description Requests allowed in the window */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryList"];
                };
            };
            /** @description Invalid input: appCode VALIDATION with fieldErrors (path.*, query.*, header.* or body fields). appCode: VALIDATION */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, unknown, revoked or expired credentials. appCode: UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this (wrong kind, missing scope). appCode: FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's). appCode: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: wait Retry-After seconds. appCode: RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    redeliverWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The endpoint */
                id: string;
                /** @description The delivery */
                deliveryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Queued */
            202: {
                headers: {
                    /** @description Requests allowed in the window */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in the window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window resets */
                    "RateLimit-Reset"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RedeliveryQueued"];
                };
            };
            /** @description Invalid input: appCode VALIDATION with fieldErrors (path.*, query.*, header.* or body fields). appCode: VALIDATION */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No, unknown, revoked or expired credentials. appCode: UNAUTHENTICATED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The credential may not do this (wrong kind, missing scope). appCode: FORBIDDEN */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's). appCode: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict (appCode tells which). appCode: CONFLICT */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is too large. appCode: TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not of the media type the operation reads (JSON, or none). appCode: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited: wait Retry-After seconds. appCode: RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
