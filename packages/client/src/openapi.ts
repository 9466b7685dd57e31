// Generated from openapi.json by scripts/openapi.ts (`npm run openapi`): do not edit.

export interface paths {
    "/v1/auth/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in with HTTP Basic username and password
         * @description Returns a short-lived signed access token and a rotating refresh token.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accessToken: string;
                            refreshToken: string;
                            /**
                             * Format: int32
                             * @description Seconds until the access token expires
                             */
                            expiresIn: number;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Trade a refresh token for a new token pair
         * @description Each refresh token works once. Presenting a spent one revokes its whole session. Failures count against the address, as failed sign-ins do.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        refreshToken: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accessToken: string;
                            refreshToken: string;
                            /**
                             * Format: int32
                             * @description Seconds until the access token expires
                             */
                            expiresIn: number;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End the session a refresh token belongs to
         * @description Safe to repeat, and safe with an unknown token, which answers the same. An unknown token counts against the address as a failed sign-in does, so that guessing tokens to end other sessions is throttled.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        refreshToken: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            success: true;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who the credentials authenticate as
         * @description For a key: its organization, and the role and permissions it acts with now, after narrowing by its owner's current role. A token's rights depend on the organization: `role` and `permissions` are null.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            kind: "user" | "service";
                            name: string;
                            clusterAdmin: boolean;
                            keyId: string | null;
                            organizationId: string | null;
                            role: ("admin" | "member") | null;
                            permissions: string[] | null;
                            expiresAt: string | null;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/console/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The console session of this browser
         * @description Who the `keyward_session` cookie signs in, and the CSRF token of its session, for a page that has just loaded. Answers `401` to any other credential, which has no session.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            user: {
                                /** @description An id starting with `usr_` */
                                id: string;
                                username: string;
                                clusterAdmin: boolean;
                            };
                            /** @description Send it in `x-keyward-csrf` with every `POST`, `PUT`, `PATCH` and `DELETE` made with the cookie */
                            csrfToken: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            expiresAt: string;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Sign in to the web console
         * @description Checks the username and password as `POST /v1/auth/token` does, throttled and audited alike, and opens a session held in the `keyward_session` cookie: HttpOnly, SameSite=Strict, Path=/, and Secure when the request came over TLS. No token is returned to the page. The answer's `csrfToken` must be sent in `x-keyward-csrf` with every state-changing request made with the cookie.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        username: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            user: {
                                /** @description An id starting with `usr_` */
                                id: string;
                                username: string;
                                clusterAdmin: boolean;
                            };
                            /** @description Send it in `x-keyward-csrf` with every `POST`, `PUT`, `PATCH` and `DELETE` made with the cookie */
                            csrfToken: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            expiresAt: string;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /**
         * Sign out of the web console
         * @description Ends the session of the `keyward_session` cookie on the server and tells the browser to forget the cookie. Needs the session's `x-keyward-csrf`, as every state-changing request with the cookie does. Answers `401` to any other credential, which has no session.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            success: true;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organizations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the organizations the caller can see */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description The `nextCursor` of the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description An id starting with `org_` */
                                id: string;
                                name: string;
                                keyPrefix: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601, UTC
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601, UTC
                                 */
                                updatedAt: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Create an organization; its creator becomes its admin */
        post: {
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
                        /** @description Prefix of its keys; default `kw` */
                        keyPrefix?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description An id starting with `org_` */
                            id: string;
                            name: string;
                            keyPrefix: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organizations/{orgId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an organization */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description An id starting with `org_` */
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description An id starting with `org_` */
                            id: string;
                            name: string;
                            keyPrefix: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete an organization with its members, service users and keys */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description An id starting with `org_` */
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            success: true;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Rename an organization
         * @description The key prefix cannot change: existing keys carry it.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description An id starting with `org_` */
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description An id starting with `org_` */
                            id: string;
                            name: string;
                            keyPrefix: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/organizations/{orgId}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List an organization's members */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description The `nextCursor` of the previous page */
                    cursor?: string;
                };
                header?: never;
                path: {
                    /** @description An id starting with `org_` */
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description An id starting with `org_` */
                                orgId: string;
                                /** @description An id starting with `usr_` */
                                userId: string;
                                username: string;
                                role: "admin" | "member";
                                /**
                                 * Format: date-time
                                 * @description ISO 8601, UTC
                                 */
                                createdAt: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Add a user to an organization
         * @description The caller must hold everything the role gives, for as long as a membership lasts: a key with an expiry, a rate limit or a quota cannot add members.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description An id starting with `org_` */
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description An id starting with `usr_` */
                        userId: string;
                        role: "admin" | "member";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description An id starting with `org_` */
                            orgId: string;
                            /** @description An id starting with `usr_` */
                            userId: string;
                            username: string;
                            role: "admin" | "member";
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            createdAt: string;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organizations/{orgId}/members/{userId}": {
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
         * Remove a member; their keys in this organization are revoked
         * @description Revokes every key the member holds in this organization, in the same transaction, and records how many in the audit entry: adding the member again brings none of them back. The last admin of an organization cannot be removed.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description An id starting with `org_` */
                    orgId: string;
                    /** @description An id starting with `usr_` */
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            success: true;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Change a member's role
         * @description The member's keys act with the new role at once: an admin key of a demoted member acts as a member. The last admin of an organization cannot be demoted.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description An id starting with `org_` */
                    orgId: string;
                    /** @description An id starting with `usr_` */
                    userId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        role: "admin" | "member";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description An id starting with `org_` */
                            orgId: string;
                            /** @description An id starting with `usr_` */
                            userId: string;
                            username: string;
                            role: "admin" | "member";
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            createdAt: string;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List users (cluster admins only) */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description The `nextCursor` of the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description An id starting with `usr_` */
                                id: string;
                                username: string;
                                clusterAdmin: boolean;
                                disabled: boolean;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601, UTC
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601, UTC
                                 */
                                updatedAt: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Create a user (cluster admins only) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description 2–64 characters: lower-case letters, digits, `.`, `_` and `-` */
                        username: string;
                        password: string;
                        /** @default false */
                        clusterAdmin?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description An id starting with `usr_` */
                            id: string;
                            username: string;
                            clusterAdmin: boolean;
                            disabled: boolean;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a user (cluster admins, or the user themselves) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description An id starting with `usr_` */
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description An id starting with `usr_` */
                            id: string;
                            username: string;
                            clusterAdmin: boolean;
                            disabled: boolean;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a user (cluster admins only); their keys are revoked */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description An id starting with `usr_` */
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            success: true;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Disable or re-enable a user, or change a password
         * @description Cluster admins may disable, enable and reset the password of any other user; a reset ends that user's sessions. Users change their own password signed in with a token, and must give `currentPassword`: an API key cannot, so that a leaked key or a stolen access token cannot take over its owner. Keys keep working after a password change. A cluster admin cannot disable themselves.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description An id starting with `usr_` */
                    userId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        disabled?: boolean;
                        password?: string;
                        /** @description Needed to change one’s own password */
                        currentPassword?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description An id starting with `usr_` */
                            id: string;
                            username: string;
                            clusterAdmin: boolean;
                            disabled: boolean;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/organizations/{orgId}/service-users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List an organization's service users */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description The `nextCursor` of the previous page */
                    cursor?: string;
                };
                header?: never;
                path: {
                    /** @description An id starting with `org_` */
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description An id starting with `svc_` */
                                id: string;
                                /** @description An id starting with `org_` */
                                orgId: string;
                                name: string;
                                description: string | null;
                                role: "admin" | "member";
                                expiresAt: string | null;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601, UTC
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601, UTC
                                 */
                                updatedAt: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a service user: a non-person principal that authenticates only with API keys
         * @description The caller must hold everything the role gives, until the service user expires: a key that expires can create only a service user that expires no later. A name is unique in its organization, whatever its case: another service user of that name answers `409 CONFLICT`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description An id starting with `org_` */
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        description?: string;
                        role: "admin" | "member";
                        /**
                         * Format: date-time
                         * @description ISO 8601, UTC
                         */
                        expiresAt?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description An id starting with `svc_` */
                            id: string;
                            /** @description An id starting with `org_` */
                            orgId: string;
                            name: string;
                            description: string | null;
                            role: "admin" | "member";
                            expiresAt: string | null;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organizations/{orgId}/service-users/{serviceUserId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a service user */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description An id starting with `org_` */
                    orgId: string;
                    /** @description An id starting with `svc_` */
                    serviceUserId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description An id starting with `svc_` */
                            id: string;
                            /** @description An id starting with `org_` */
                            orgId: string;
                            name: string;
                            description: string | null;
                            role: "admin" | "member";
                            expiresAt: string | null;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a service user; its keys are revoked */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description An id starting with `org_` */
                    orgId: string;
                    /** @description An id starting with `svc_` */
                    serviceUserId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            success: true;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Change a service user's name, description, role or expiry
         * @description A name is unique in its organization, whatever its case: a name another service user has answers `409 CONFLICT` and changes nothing.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description An id starting with `org_` */
                    orgId: string;
                    /** @description An id starting with `svc_` */
                    serviceUserId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        description?: string | null;
                        role?: "admin" | "member";
                        expiresAt?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description An id starting with `svc_` */
                            id: string;
                            /** @description An id starting with `org_` */
                            orgId: string;
                            name: string;
                            description: string | null;
                            role: "admin" | "member";
                            expiresAt: string | null;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/organizations/{orgId}/apikeys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List an organization's keys
         * @description Members see only their own keys. Filter by `ownerId`; page with `cursor`.
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description The `nextCursor` of the previous page */
                    cursor?: string;
                    ownerId?: string;
                };
                header?: never;
                path: {
                    /** @description An id starting with `org_` */
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description An id starting with `key_` */
                                id: string;
                                /** @description An id starting with `org_` */
                                orgId: string;
                                ownerId: string;
                                name: string;
                                description: string | null;
                                meta: {
                                    [key: string]: unknown;
                                } | null;
                                role: "admin" | "member";
                                scopes: string[] | null;
                                /** @description The prefix and first four characters, for recognising the key */
                                hint: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601, UTC
                                 */
                                createdAt: string;
                                createdBy: string | null;
                                expiresAt: string | null;
                                lastUsedAt: string | null;
                                enabled: boolean;
                                revokedAt: string | null;
                                ratelimit: {
                                    /** Format: int32 */
                                    limit: number;
                                    /**
                                     * Format: int32
                                     * @description Window length in milliseconds
                                     */
                                    duration: number;
                                } | null;
                                quota: {
                                    /** Format: int64 */
                                    remaining: number;
                                    refill: {
                                        interval: "daily" | "monthly";
                                        /** Format: int32 */
                                        amount: number;
                                    } | null;
                                    refilledAt: string | null;
                                } | null;
                                /** @description The key that replaced this one when it was rotated: a key is rotated once */
                                successorId: string | null;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create an API key; the answer shows the key once
         * @description The owner defaults to the caller. A caller-supplied `apiKey` must start with the organization prefix and `_` and be at least 32 characters long. Role and scopes can only narrow the owner's rights.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description An id starting with `org_` */
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        description?: string;
                        role: "admin" | "member";
                        /**
                         * Format: int32
                         * @description Time to live in seconds
                         */
                        ttl?: number;
                        apiKey?: string;
                        scopes?: string[];
                        ownerId?: string;
                        /** @description Free JSON, at most 4 KiB when serialized */
                        meta?: {
                            [key: string]: unknown;
                        };
                        ratelimit?: {
                            /** Format: int32 */
                            limit: number;
                            /**
                             * Format: int32
                             * @description Window length in milliseconds
                             */
                            duration: number;
                        };
                        quota?: {
                            /** Format: int32 */
                            remaining: number;
                            refill?: {
                                interval: "daily" | "monthly";
                                /** Format: int32 */
                                amount: number;
                            };
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            success: true;
                            /** @description The key itself. Shown this once, never again. */
                            apiKey: string;
                        } & {
                            /** @description An id starting with `key_` */
                            id: string;
                            /** @description An id starting with `org_` */
                            orgId: string;
                            ownerId: string;
                            name: string;
                            description: string | null;
                            meta: {
                                [key: string]: unknown;
                            } | null;
                            role: "admin" | "member";
                            scopes: string[] | null;
                            /** @description The prefix and first four characters, for recognising the key */
                            hint: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            createdAt: string;
                            createdBy: string | null;
                            expiresAt: string | null;
                            lastUsedAt: string | null;
                            enabled: boolean;
                            revokedAt: string | null;
                            ratelimit: {
                                /** Format: int32 */
                                limit: number;
                                /**
                                 * Format: int32
                                 * @description Window length in milliseconds
                                 */
                                duration: number;
                            } | null;
                            quota: {
                                /** Format: int64 */
                                remaining: number;
                                refill: {
                                    interval: "daily" | "monthly";
                                    /** Format: int32 */
                                    amount: number;
                                } | null;
                                refilledAt: string | null;
                            } | null;
                            /** @description The key that replaced this one when it was rotated: a key is rotated once */
                            successorId: string | null;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/apikeys/{keyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A key's record (never the key itself) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description An id starting with `key_` */
                    keyId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description An id starting with `key_` */
                            id: string;
                            /** @description An id starting with `org_` */
                            orgId: string;
                            ownerId: string;
                            name: string;
                            description: string | null;
                            meta: {
                                [key: string]: unknown;
                            } | null;
                            role: "admin" | "member";
                            scopes: string[] | null;
                            /** @description The prefix and first four characters, for recognising the key */
                            hint: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            createdAt: string;
                            createdBy: string | null;
                            expiresAt: string | null;
                            lastUsedAt: string | null;
                            enabled: boolean;
                            revokedAt: string | null;
                            ratelimit: {
                                /** Format: int32 */
                                limit: number;
                                /**
                                 * Format: int32
                                 * @description Window length in milliseconds
                                 */
                                duration: number;
                            } | null;
                            quota: {
                                /** Format: int64 */
                                remaining: number;
                                refill: {
                                    interval: "daily" | "monthly";
                                    /** Format: int32 */
                                    amount: number;
                                } | null;
                                refilledAt: string | null;
                            } | null;
                            /** @description The key that replaced this one when it was rotated: a key is rotated once */
                            successorId: string | null;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Revoke a key; it stops working at once
         * @description Revoking a revoked key succeeds and changes nothing.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description An id starting with `key_` */
                    keyId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            success: true;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Change a key's name, description, meta, enabled flag or scopes
         * @description Scopes can only narrow: each new scope must be covered by the key's current scopes or role. A disabled key is enabled again only by a caller of the rank that disabled it or higher (the key's owner, an organization admin, a cluster admin), and only when the caller holds everything the key holds.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description An id starting with `key_` */
                    keyId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        description?: string | null;
                        meta?: {
                            [key: string]: unknown;
                        } | null;
                        enabled?: boolean;
                        scopes?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description An id starting with `key_` */
                            id: string;
                            /** @description An id starting with `org_` */
                            orgId: string;
                            ownerId: string;
                            name: string;
                            description: string | null;
                            meta: {
                                [key: string]: unknown;
                            } | null;
                            role: "admin" | "member";
                            scopes: string[] | null;
                            /** @description The prefix and first four characters, for recognising the key */
                            hint: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            createdAt: string;
                            createdBy: string | null;
                            expiresAt: string | null;
                            lastUsedAt: string | null;
                            enabled: boolean;
                            revokedAt: string | null;
                            ratelimit: {
                                /** Format: int32 */
                                limit: number;
                                /**
                                 * Format: int32
                                 * @description Window length in milliseconds
                                 */
                                duration: number;
                            } | null;
                            quota: {
                                /** Format: int64 */
                                remaining: number;
                                refill: {
                                    interval: "daily" | "monthly";
                                    /** Format: int32 */
                                    amount: number;
                                } | null;
                                refilledAt: string | null;
                            } | null;
                            /** @description The key that replaced this one when it was rotated: a key is rotated once */
                            successorId: string | null;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/apikeys/lookup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A key's record, found by the key itself (which goes in the body, never in a URL)
         * @description Answers what `GET /v1/apikeys/{keyId}` answers, for revoked, disabled and expired keys too, to a caller who may read that key. Any other caller, and any key that is unknown or malformed, gets the same 404, which counts as a failed attempt towards the address's throttle: the route tells nothing that the caller could not read by id. It is not a use of the key: no lastUsedAt, no quota or rate limit is spent.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The API key */
                        key: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description An id starting with `key_` */
                            id: string;
                            /** @description An id starting with `org_` */
                            orgId: string;
                            ownerId: string;
                            name: string;
                            description: string | null;
                            meta: {
                                [key: string]: unknown;
                            } | null;
                            role: "admin" | "member";
                            scopes: string[] | null;
                            /** @description The prefix and first four characters, for recognising the key */
                            hint: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            createdAt: string;
                            createdBy: string | null;
                            expiresAt: string | null;
                            lastUsedAt: string | null;
                            enabled: boolean;
                            revokedAt: string | null;
                            ratelimit: {
                                /** Format: int32 */
                                limit: number;
                                /**
                                 * Format: int32
                                 * @description Window length in milliseconds
                                 */
                                duration: number;
                            } | null;
                            quota: {
                                /** Format: int64 */
                                remaining: number;
                                refill: {
                                    interval: "daily" | "monthly";
                                    /** Format: int32 */
                                    amount: number;
                                } | null;
                                refilledAt: string | null;
                            } | null;
                            /** @description The key that replaced this one when it was rotated: a key is rotated once */
                            successorId: string | null;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/apikeys/{keyId}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue a new secret; the old one works until the grace period ends
         * @description The successor is a new key with the same owner, role, scopes, meta, limits and expiry, and it shares the old key's rate-limit window and what is left of its quota. The old key expires after `gracePeriod` seconds (0: at once; at most 30 days), and a key is rotated once. The caller must hold everything the key holds: rotating hands its authority to a new secret.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description An id starting with `key_` */
                    keyId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: int32
                         * @description Seconds
                         * @default 0
                         */
                        gracePeriod?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": ({
                            /** @enum {boolean} */
                            success: true;
                            /** @description The key itself. Shown this once, never again. */
                            apiKey: string;
                        } & {
                            /** @description An id starting with `key_` */
                            id: string;
                            /** @description An id starting with `org_` */
                            orgId: string;
                            ownerId: string;
                            name: string;
                            description: string | null;
                            meta: {
                                [key: string]: unknown;
                            } | null;
                            role: "admin" | "member";
                            scopes: string[] | null;
                            /** @description The prefix and first four characters, for recognising the key */
                            hint: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            createdAt: string;
                            createdBy: string | null;
                            expiresAt: string | null;
                            lastUsedAt: string | null;
                            enabled: boolean;
                            revokedAt: string | null;
                            ratelimit: {
                                /** Format: int32 */
                                limit: number;
                                /**
                                 * Format: int32
                                 * @description Window length in milliseconds
                                 */
                                duration: number;
                            } | null;
                            quota: {
                                /** Format: int64 */
                                remaining: number;
                                refill: {
                                    interval: "daily" | "monthly";
                                    /** Format: int32 */
                                    amount: number;
                                } | null;
                                refilledAt: string | null;
                            } | null;
                            /** @description The key that replaced this one when it was rotated: a key is rotated once */
                            successorId: string | null;
                        }) & {
                            previous: {
                                /** @description An id starting with `key_` */
                                id: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601, UTC
                                 */
                                expiresAt: string;
                            };
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organizations/{orgId}/apikeys/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import up to 1,000 keys from another system, as plain keys or digests
         * @description Each entry is validated and stored on its own: the answer gives every entry's outcome, and an entry that fails changes nothing.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description An id starting with `org_` */
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        keys: {
                            /** @description The plain key; or give hash, prefix and hint */
                            apiKey?: string;
                            /** @description SHA-256 of the key, hex or base64 */
                            hash?: string;
                            prefix?: string;
                            hint?: string;
                            name: string;
                            description?: string;
                            ownerId: string;
                            role: "admin" | "member";
                            scopes?: string[];
                            expiresAt?: string | null;
                            /** @description Free JSON, at most 4 KiB when serialized */
                            meta?: {
                                [key: string]: unknown;
                            };
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            success: true;
                            /** Format: int32 */
                            imported: number;
                            /** Format: int32 */
                            failed: number;
                            results: {
                                /** Format: int32 */
                                index: number;
                                success: boolean;
                                /** @description An id starting with `key_` */
                                id?: string;
                                error?: {
                                    code: string;
                                    message: string;
                                };
                            }[];
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/keys/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Verify a key for a service that uses Keyward as its key backend
         * @description Needs `keys:verify`. Always answers 200 with a code. A verifier sees only the keys of its own organizations: any other key answers NOT_FOUND, exactly as an unknown key does. For a key with a rate limit, the answer also carries the IETF `RateLimit-Policy` and `RateLimit` header fields about the presented key's window, for the service to hand to its own client.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        key: string;
                        permissions?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            valid: boolean;
                            code: "VALID" | "MALFORMED" | "NOT_FOUND" | "EXPIRED" | "REVOKED" | "DISABLED" | "OWNER_DISABLED" | "RATE_LIMITED" | "USAGE_EXCEEDED" | "INSUFFICIENT_PERMISSIONS";
                            keyId: string | null;
                            ownerId: string | null;
                            organizationId: string | null;
                            role: ("admin" | "member") | null;
                            permissions: string[];
                            expiresAt: string | null;
                            meta: {
                                [key: string]: unknown;
                            } | null;
                            ratelimit?: {
                                /** Format: int32 */
                                limit: number;
                                /**
                                 * Format: int32
                                 * @description Window length in milliseconds
                                 */
                                duration: number;
                                /** Format: int64 */
                                remaining: number;
                                /**
                                 * Format: int64
                                 * @description Unix ms
                                 */
                                reset: number;
                            };
                            /**
                             * Format: int64
                             * @description Quota left after this call
                             */
                            remaining?: number;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Stream key events as Server-Sent Events
         * @description For services that cache what verify answered (the middleware of `@keyward/client`): each event names a key or an owner whose earlier answers may no longer hold. Events are `key.revoked`, `key.disabled`, `key.enabled`, `key.updated`, `key.rotated`, `key.expired`, `key.deleted` and `owner.changed`, with ids only (`{id, type, keyId, ownerId, organizationId, at}`), never a secret. Needs `keys:verify`: a key receives its own organization's events, a user those of their organizations, a cluster admin every organization's (`orgId` narrows it to one). Send `Last-Event-ID` to resume: the events after it are sent first, or `event: reset` when the log no longer holds them (drop everything cached). Then `event: ready` (its id is the newest event's), then events as they happen, and a `: ping` comment every `heartbeat` seconds. The server ends a stream after five minutes, at shutdown, and when the caller's own key or owner changes; clients reconnect with the last id they received. `503` while this process cannot hear other processes' changes.
         */
        get: {
            parameters: {
                query?: {
                    orgId?: string;
                    /** @description Seconds between `: ping` comments */
                    heartbeat?: number;
                };
                header?: {
                    /** @description The id of the last event received */
                    "last-event-id"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organizations/{orgId}/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List an organization's webhooks
         * @description Never their secrets. Needs `webhooks:read` (organization admins).
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description The `nextCursor` of the previous page */
                    cursor?: string;
                };
                header?: never;
                path: {
                    /** @description An id starting with `org_` */
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description An id starting with `whk_` */
                                id: string;
                                /** @description An id starting with `org_` */
                                orgId: string;
                                url: string;
                                description: string | null;
                                events: ("key.revoked" | "key.disabled" | "key.enabled" | "key.updated" | "key.rotated" | "key.expired" | "key.deleted" | "owner.changed")[] | null;
                                enabled: boolean;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601, UTC
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601, UTC
                                 */
                                updatedAt: string;
                                createdBy: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Add an endpoint for the organization's key events
         * @description Each key event of the organization (of the listed `events`, or every type) is POSTed to `url`, signed with the secret in this answer, which is shown once (docs/webhooks.md). `url` is https; plain http only to an address of `KEYWARD_OUTBOUND_ALLOW`. Needs `webhooks:write` (organization admins). `503` when the server holds no master key to seal the secret.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description An id starting with `org_` */
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description https; plain http only to an address of `KEYWARD_OUTBOUND_ALLOW` */
                        url: string;
                        description?: string;
                        /** @description The event types to receive; left out (or null), every type */
                        events?: ("key.revoked" | "key.disabled" | "key.enabled" | "key.updated" | "key.rotated" | "key.expired" | "key.deleted" | "owner.changed")[];
                        /** @default true */
                        enabled?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description An id starting with `whk_` */
                            id: string;
                            /** @description An id starting with `org_` */
                            orgId: string;
                            url: string;
                            description: string | null;
                            events: ("key.revoked" | "key.disabled" | "key.enabled" | "key.updated" | "key.rotated" | "key.expired" | "key.deleted" | "owner.changed")[] | null;
                            enabled: boolean;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            updatedAt: string;
                            createdBy: string;
                            /** @description The signing secret (`whsec_…`): shown once, store it now */
                            secret: string;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{webhookId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a webhook
         * @description Never its secret. Needs `webhooks:read` in its organization (organization admins).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description An id starting with `whk_` */
                    webhookId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description An id starting with `whk_` */
                            id: string;
                            /** @description An id starting with `org_` */
                            orgId: string;
                            url: string;
                            description: string | null;
                            events: ("key.revoked" | "key.disabled" | "key.enabled" | "key.updated" | "key.rotated" | "key.expired" | "key.deleted" | "owner.changed")[] | null;
                            enabled: boolean;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            updatedAt: string;
                            createdBy: string;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Delete a webhook, its secret and its deliveries
         * @description Deliveries not yet sent are dropped. Needs `webhooks:write`.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description An id starting with `whk_` */
                    webhookId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            success: true;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Change a webhook's endpoint, description, events, or whether it is enabled
         * @description A disabled webhook is sent nothing, and no delivery is queued for it; deliveries queued before wait until it is enabled again. `events: null` asks for every type. Needs `webhooks:write`.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description An id starting with `whk_` */
                    webhookId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description https; plain http only to an address of `KEYWARD_OUTBOUND_ALLOW` */
                        url?: string;
                        description?: string | null;
                        events?: ("key.revoked" | "key.disabled" | "key.enabled" | "key.updated" | "key.rotated" | "key.expired" | "key.deleted" | "owner.changed")[] | null;
                        enabled?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description An id starting with `whk_` */
                            id: string;
                            /** @description An id starting with `org_` */
                            orgId: string;
                            url: string;
                            description: string | null;
                            events: ("key.revoked" | "key.disabled" | "key.enabled" | "key.updated" | "key.rotated" | "key.expired" | "key.deleted" | "owner.changed")[] | null;
                            enabled: boolean;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            updatedAt: string;
                            createdBy: string;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/webhooks/{webhookId}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replace a webhook's signing secret
         * @description The new secret is in this answer, shown once, and signs every attempt from now on, retries of earlier deliveries included: the old one stops at once. Needs `webhooks:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description An id starting with `whk_` */
                    webhookId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description An id starting with `whk_` */
                            id: string;
                            /** @description An id starting with `org_` */
                            orgId: string;
                            url: string;
                            description: string | null;
                            events: ("key.revoked" | "key.disabled" | "key.enabled" | "key.updated" | "key.rotated" | "key.expired" | "key.deleted" | "owner.changed")[] | null;
                            enabled: boolean;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            updatedAt: string;
                            createdBy: string;
                            /** @description The signing secret (`whsec_…`): shown once, store it now */
                            secret: string;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{webhookId}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a webhook's deliveries, newest first
         * @description One delivery per event sent to this webhook: `pending` (with the time of its next attempt), `delivered`, or `failed` once the last attempt failed; `lastStatus` and `lastError` say how the last attempt ended. Needs `webhooks:read`.
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description The `nextCursor` of the previous page */
                    cursor?: string;
                };
                header?: never;
                path: {
                    /** @description An id starting with `whk_` */
                    webhookId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description An id starting with `whd_` */
                                id: string;
                                /** @description The event's id: its `id` in the body */
                                eventId: string;
                                /**
                                 * @description A key event type (docs/webhooks.md)
                                 * @enum {unknown}
                                 */
                                eventType: "key.revoked" | "key.disabled" | "key.enabled" | "key.updated" | "key.rotated" | "key.expired" | "key.deleted" | "owner.changed";
                                status: "pending" | "delivered" | "failed";
                                /**
                                 * Format: int64
                                 * @description Attempts made so far
                                 */
                                attempts: number;
                                nextAttemptAt: string | null;
                                /** @description The HTTP status of the last attempt's answer; null when none came */
                                lastStatus: number | null;
                                lastError: string | null;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601, UTC
                                 */
                                createdAt: string;
                                deliveredAt: string | null;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/keys/report-leak": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Report leaked keys: every listed key not yet revoked is revoked at once
         * @description Any authenticated caller may report: holding a key is proof enough that it leaked. Disabled and expired keys are revoked too, since a disabled key could be enabled again. Unknown, malformed and already-revoked keys are ignored, and the answer gives only counts.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        keys: string[];
                        source?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            success: true;
                            /** Format: int32 */
                            received: number;
                            /** Format: int32 */
                            revoked: number;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the providers connections can be made to
         * @description Nango's catalog (its API_KEY and BASIC providers) and Keyward's own entries, by name. `search` matches the name, the display name and the categories, in any case. Any signed-in caller may read the catalog.
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description The `nextCursor` of the previous page */
                    cursor?: string;
                    search?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                name: string;
                                displayName: string;
                                authMode: "API_KEY" | "BASIC";
                                categories: string[];
                                docs?: string;
                                docsConnect?: string;
                                /** @description Whether a credential is checked with the provider before it is saved */
                                verifies: boolean;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/providers/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a provider: what a form for a connection to it needs
         * @description The fields in form order, with their titles, formats, examples, prefixes, which are secret, and a link to where the provider explains each.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            name: string;
                            displayName: string;
                            authMode: "API_KEY" | "BASIC";
                            categories: string[];
                            docs?: string;
                            docsConnect?: string;
                            /** @description Whether a credential is checked with the provider before it is saved */
                            verifies: boolean;
                            fields: {
                                name: string;
                                part: "config" | "credentials";
                                title: string;
                                description: string;
                                format?: string;
                                prefix?: string;
                                suffix?: string;
                                example?: string;
                                pattern?: string;
                                enum?: string[];
                                optional: boolean;
                                secret: boolean;
                                docs?: string;
                                /** Format: int32 */
                                order: number;
                            }[];
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organizations/{orgId}/connections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List an organization's connections
         * @description Never their credentials. Each says whether it expires within 14 days (`expiresSoon`); `expiring=true` lists only those, and those already expired.
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description The `nextCursor` of the previous page */
                    cursor?: string;
                    expiring?: boolean;
                };
                header?: never;
                path: {
                    /** @description An id starting with `org_` */
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description An id starting with `con_` */
                                id: string;
                                /** @description An id starting with `org_` */
                                orgId: string;
                                provider: string;
                                name: string;
                                config: {
                                    [key: string]: string;
                                };
                                expiresAt: string | null;
                                /** @description Expires within 14 days, or has expired */
                                expiresSoon: boolean;
                                /** @description The last check of the credential against the provider; null when the provider has none */
                                lastCheck: {
                                    /**
                                     * Format: date-time
                                     * @description ISO 8601, UTC
                                     */
                                    at: string;
                                    ok: boolean;
                                    /** @description `passed`: the provider answered 2xx. `refused`: it answered something else (`status`). `unreachable`: no answer (DNS, connection, TLS, timeout). `forbidden`: its address is one this cluster does not reach */
                                    outcome: "passed" | "refused" | "unreachable" | "forbidden";
                                    status: number | null;
                                } | null;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601, UTC
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601, UTC
                                 */
                                updatedAt: string;
                                createdBy: string | null;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Connect a third-party API: its credential is checked, then stored encrypted
         * @description The fields are validated against the provider's catalog entry (a `hostname` is a host or host:port, never a URL), then the provider's verification request is sent with the credential. Only a credential that passes is stored; otherwise `400 CONNECTION_CHECK_FAILED` says what the provider answered (its status, never its body). The credentials are encrypted at rest and never returned.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description An id starting with `org_` */
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        provider: string;
                        name?: string;
                        /** @description The provider's plain fields (Nango's `connection_config`), such as `hostname`: stored as they are, and shown */
                        config?: {
                            [key: string]: string;
                        };
                        /** @description The provider's secret fields, such as `apiKey`: checked, encrypted, and never shown again */
                        credentials: {
                            [key: string]: string;
                        };
                        /**
                         * Format: date-time
                         * @description ISO 8601, UTC
                         */
                        expiresAt?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description An id starting with `con_` */
                            id: string;
                            /** @description An id starting with `org_` */
                            orgId: string;
                            provider: string;
                            name: string;
                            config: {
                                [key: string]: string;
                            };
                            expiresAt: string | null;
                            /** @description Expires within 14 days, or has expired */
                            expiresSoon: boolean;
                            /** @description The last check of the credential against the provider; null when the provider has none */
                            lastCheck: {
                                /**
                                 * Format: date-time
                                 * @description ISO 8601, UTC
                                 */
                                at: string;
                                ok: boolean;
                                /** @description `passed`: the provider answered 2xx. `refused`: it answered something else (`status`). `unreachable`: no answer (DNS, connection, TLS, timeout). `forbidden`: its address is one this cluster does not reach */
                                outcome: "passed" | "refused" | "unreachable" | "forbidden";
                                status: number | null;
                            } | null;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            updatedAt: string;
                            createdBy: string | null;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connections/{connectionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a connection, without its credentials */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description An id starting with `con_` */
                    connectionId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description An id starting with `con_` */
                            id: string;
                            /** @description An id starting with `org_` */
                            orgId: string;
                            provider: string;
                            name: string;
                            config: {
                                [key: string]: string;
                            };
                            expiresAt: string | null;
                            /** @description Expires within 14 days, or has expired */
                            expiresSoon: boolean;
                            /** @description The last check of the credential against the provider; null when the provider has none */
                            lastCheck: {
                                /**
                                 * Format: date-time
                                 * @description ISO 8601, UTC
                                 */
                                at: string;
                                ok: boolean;
                                /** @description `passed`: the provider answered 2xx. `refused`: it answered something else (`status`). `unreachable`: no answer (DNS, connection, TLS, timeout). `forbidden`: its address is one this cluster does not reach */
                                outcome: "passed" | "refused" | "unreachable" | "forbidden";
                                status: number | null;
                            } | null;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            updatedAt: string;
                            createdBy: string | null;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a connection and its encrypted credentials */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description An id starting with `con_` */
                    connectionId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            success: true;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Rename a connection, change its expiry, or replace its fields or credentials
         * @description `config` and `credentials` each replace the whole set. A change to either is checked with the provider before it replaces what is stored: a credential the provider refuses answers `400 CONNECTION_CHECK_FAILED` and changes nothing. A `config` that differs from the stored one needs `credentials` too: the stored secret is never sent to an address it was not stored for.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description An id starting with `con_` */
                    connectionId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        /** @description The provider's plain fields (Nango's `connection_config`), such as `hostname`: stored as they are, and shown */
                        config?: {
                            [key: string]: string;
                        };
                        /** @description The provider's secret fields, such as `apiKey`: checked, encrypted, and never shown again */
                        credentials?: {
                            [key: string]: string;
                        };
                        expiresAt?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description An id starting with `con_` */
                            id: string;
                            /** @description An id starting with `org_` */
                            orgId: string;
                            provider: string;
                            name: string;
                            config: {
                                [key: string]: string;
                            };
                            expiresAt: string | null;
                            /** @description Expires within 14 days, or has expired */
                            expiresSoon: boolean;
                            /** @description The last check of the credential against the provider; null when the provider has none */
                            lastCheck: {
                                /**
                                 * Format: date-time
                                 * @description ISO 8601, UTC
                                 */
                                at: string;
                                ok: boolean;
                                /** @description `passed`: the provider answered 2xx. `refused`: it answered something else (`status`). `unreachable`: no answer (DNS, connection, TLS, timeout). `forbidden`: its address is one this cluster does not reach */
                                outcome: "passed" | "refused" | "unreachable" | "forbidden";
                                status: number | null;
                            } | null;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            updatedAt: string;
                            createdBy: string | null;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/connections/{connectionId}/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check a connection's credential with its provider again
         * @description Sends the provider's verification request and records the outcome in `lastCheck`. The answer is `200` whatever the provider said: `lastCheck.ok` tells whether the credential still works, and `lastCheck.status` what the provider answered.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description An id starting with `con_` */
                    connectionId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description An id starting with `con_` */
                            id: string;
                            /** @description An id starting with `org_` */
                            orgId: string;
                            provider: string;
                            name: string;
                            config: {
                                [key: string]: string;
                            };
                            expiresAt: string | null;
                            /** @description Expires within 14 days, or has expired */
                            expiresSoon: boolean;
                            /** @description The last check of the credential against the provider; null when the provider has none */
                            lastCheck: {
                                /**
                                 * Format: date-time
                                 * @description ISO 8601, UTC
                                 */
                                at: string;
                                ok: boolean;
                                /** @description `passed`: the provider answered 2xx. `refused`: it answered something else (`status`). `unreachable`: no answer (DNS, connection, TLS, timeout). `forbidden`: its address is one this cluster does not reach */
                                outcome: "passed" | "refused" | "unreachable" | "forbidden";
                                status: number | null;
                            } | null;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            updatedAt: string;
                            createdBy: string | null;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organizations/{orgId}/connect-sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List an organization's connect links, open and ended
         * @description Never their tokens. `status` is `open`, `used` (see `connectionId`), `expired`, or `refused` (too many credentials refused). Needs `connections:write`.
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description The `nextCursor` of the previous page */
                    cursor?: string;
                };
                header?: never;
                path: {
                    /** @description An id starting with `org_` */
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description An id starting with `cns_` */
                                id: string;
                                /** @description An id starting with `org_` */
                                orgId: string;
                                providers: string[];
                                connectionName: string | null;
                                status: "open" | "used" | "expired" | "refused";
                                /**
                                 * Format: date-time
                                 * @description ISO 8601, UTC
                                 */
                                createdAt: string;
                                createdBy: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601, UTC
                                 */
                                expiresAt: string;
                                usedAt: string | null;
                                connectionId: string | null;
                                /** Format: int32 */
                                refusals: number;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Make a link with which someone without an account connects a provider, once
         * @description Answers the session with its `token`, shown this once: hand it to whoever is to connect, who sends it in `x-connect-token` to the `/v1/connect` routes. Whoever holds it may connect one of `providers` to this organization, once, before `expiresIn` seconds (30 minutes unless said, at most 7 days) have passed, and nothing else. The provider checks the credential first; after 5 refused credentials the link ends. It also ends when its maker no longer holds `connections:write` here. Needs `connections:write`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description An id starting with `org_` */
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        providers: string[];
                        connectionName?: string;
                        /** Format: int32 */
                        expiresIn?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description An id starting with `cns_` */
                            id: string;
                            /** @description An id starting with `org_` */
                            orgId: string;
                            providers: string[];
                            connectionName: string | null;
                            status: "open" | "used" | "expired" | "refused";
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            createdAt: string;
                            createdBy: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            expiresAt: string;
                            usedAt: string | null;
                            connectionId: string | null;
                            /** Format: int32 */
                            refusals: number;
                        } & {
                            token: string;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connect-sessions/{sessionId}": {
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
         * Delete a connect link: it stops working at once
         * @description A connection already made through it stays. Needs `connections:write` in its organization.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description An id starting with `cns_` */
                    sessionId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            success: true;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connect/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What a connect link offers: the form for each of its providers
         * @description For the Connect page, with the link's token in `x-connect-token` and no other credential: the organization's name, and each provider's fields in form order. An unknown token is `401` and counts as a failed authentication of the address; a used or expired one is `410 CONNECT_SESSION_ENDED`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            organization: {
                                name: string;
                            };
                            providers: {
                                name: string;
                                displayName: string;
                                authMode: "API_KEY" | "BASIC";
                                categories: string[];
                                docs?: string;
                                docsConnect?: string;
                                /** @description Whether a credential is checked with the provider before it is saved */
                                verifies: boolean;
                                fields: {
                                    name: string;
                                    part: "config" | "credentials";
                                    title: string;
                                    description: string;
                                    format?: string;
                                    prefix?: string;
                                    suffix?: string;
                                    example?: string;
                                    pattern?: string;
                                    enum?: string[];
                                    optional: boolean;
                                    secret: boolean;
                                    docs?: string;
                                    /** Format: int32 */
                                    order: number;
                                }[];
                            }[];
                            connectionName: string | null;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            expiresAt: string;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connect/connections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Connect a provider through a connect link, once
         * @description The Connect page's submission, with the link's token in `x-connect-token`. The fields are validated and the provider's verification request is sent, exactly as for `POST /v1/organizations/{orgId}/connections`. A credential the provider refuses answers `400 CONNECTION_CHECK_FAILED` and the link stays open, up to 5 refusals; one it accepts is stored, encrypted, and the link is used.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        provider: string;
                        /** @description The provider's plain fields (Nango's `connection_config`), such as `hostname`: stored as they are, and shown */
                        config?: {
                            [key: string]: string;
                        };
                        /** @description The provider's secret fields, such as `apiKey`: checked, encrypted, and never shown again */
                        credentials: {
                            [key: string]: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description An id starting with `con_` */
                            id: string;
                            provider: string;
                            name: string;
                            checked: boolean;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vault": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The master keys that encrypt connections, and what each still wraps
         * @description Ids and counts only: key material never leaves the server. Cluster admins only.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description `file`: vault.json in the data directory. `config`: KEYWARD_VAULT_KEYS */
                            source: "file" | "config";
                            active: string;
                            keys: {
                                id: string;
                                state: "active" | "decrypt-only" | "retired";
                                /**
                                 * Format: int64
                                 * @description Connections and webhooks whose data key it wraps
                                 */
                                records: number;
                            }[];
                            /**
                             * Format: int64
                             * @description Connections and webhooks not yet under the active key
                             */
                            pendingRewrap: number;
                            rotating: boolean;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vault/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate the master key, without downtime
         * @description With vault.json: a new master key wraps every new connection at once; every connection's data key is rewrapped under it while requests go on (the secrets themselves are not re-encrypted); then the old key is retired, and is no longer needed to start. With KEYWARD_VAULT_KEYS: put the new key first in the list on every process and restart them, then call this to rewrap; the answer lists the keys that can leave the list. Cluster admins only.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: string;
                            /** @description The key this rotation made (vault.json); null when the keys are configured */
                            added: string | null;
                            /** Format: int64 */
                            rewrapped: number;
                            /** @description Connections and webhooks whose secrets did not open and were left as they were */
                            failed: {
                                id: string;
                                code: string;
                            }[];
                            /** @description Keys whose material is gone: nothing needs them any more */
                            retired: string[];
                            /** @description Configured keys that wrap nothing any more: remove them from KEYWARD_VAULT_KEYS */
                            unused: string[];
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read the audit log, newest first
         * @description Each entry carries the hash of the one before it, so that tampering shows.
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description The `nextCursor` of the previous page */
                    cursor?: string;
                    /** @description An id starting with `org_` */
                    orgId?: string;
                    action?: string;
                    actorId?: string;
                    targetId?: string;
                    /** @description ISO 8601, UTC */
                    since?: string;
                    /** @description ISO 8601, UTC */
                    until?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: int64 */
                                seq: number;
                                id: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601, UTC
                                 */
                                at: string;
                                action: string;
                                actorId: string | null;
                                orgId: string | null;
                                targetId: string | null;
                                requestId: string | null;
                                ip: string | null;
                                outcome: "success" | "failure";
                                details: {
                                    [key: string]: unknown;
                                } | null;
                                /** @description The hash of the entry before it in the whole log's chain */
                                prevHash: string;
                                hash: string;
                                /** @description The hash of the entry before it in its organization's own chain; null for an entry of none */
                                orgPrevHash: string | null;
                                orgHash: string | null;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export the audit log as JSON Lines, oldest first
         * @description A start line, one entry per line in chain order, and an end line, so that `keyward audit verify` can check the export on its own: one organization's entries follow that organization's own chain; a time range is a run of the chain with no entry left out; the start line gives the hash the first entry links to, and the end line the count and the last hash (docs/cli.md, `keyward audit`).
         */
        get: {
            parameters: {
                query?: {
                    /** @description An id starting with `org_` */
                    orgId?: string;
                    action?: string;
                    actorId?: string;
                    targetId?: string;
                    /** @description ISO 8601, UTC */
                    since?: string;
                    /** @description ISO 8601, UTC */
                    until?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/jsonl": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/jsonl": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/jsonl": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/jsonl": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/jsonl": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/jsonl": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/jsonl": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/jsonl": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/jsonl": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Check the audit log's hash chain in the store
         * @description Walks a chain entry by entry in the store, as `keyward audit verify` walks an export: the whole log's for a cluster admin, or one organization's (`orgId`; an organization admin's own, or the key's organization). Each entry must link to the one before it and its hash must match its content. A broken chain is still a `200`: the request succeeded, and `ok: false` names the first bad entry and why. A long log takes a while; other requests are served meanwhile.
         */
        get: {
            parameters: {
                query?: {
                    /** @description An id starting with `org_` */
                    orgId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            ok: true;
                            /** @description `log`: the whole log's chain, for a cluster admin; `organization`: one organization's */
                            chain: "log" | "organization";
                            /** @description The organization whose chain was walked */
                            orgId: string | null;
                            /**
                             * Format: int64
                             * @description Entries checked: every entry of the chain
                             */
                            count: number;
                            /** @description The newest entry's hash, null for an empty chain. Keep it: entries removed from the end of the log leave a chain that holds, and only an earlier `lastHash` missing from a later walk shows them. */
                            lastHash: string | null;
                        } | {
                            /** @enum {boolean} */
                            ok: false;
                            /** @description `log`: the whole log's chain, for a cluster admin; `organization`: one organization's */
                            chain: "log" | "organization";
                            /** @description The organization whose chain was walked */
                            orgId: string | null;
                            /**
                             * Format: int64
                             * @description Entries checked, up to and including the first bad one
                             */
                            count: number;
                            firstBad: {
                                /** Format: int64 */
                                seq: number;
                                id: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601, UTC
                                 */
                                at: string;
                            };
                            /** @description `hash`: the entry's hash does not match its content (it was edited); `link`: it does not link to the entry before it (an entry before it was deleted or moved, or its link edited) */
                            reason: "hash" | "link";
                            message: string;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                429: {
                    headers: {
                        "Retry-After": components["headers"]["Retry-After"];
                        RateLimit: components["headers"]["RateLimit"];
                        "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: the store answers */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: string;
                        };
                    };
                };
                /** @description The one error shape; `docs/errors.md` lists every code */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics
         * @description Public unless the server is started with `KEYWARD_METRICS_TOKEN`: then only `Authorization: Bearer <that token>` reads it.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
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
        /** @description The one error shape; `docs/errors.md` lists every code */
        Error: {
            /** @enum {boolean} */
            success: false;
            error: {
                code: "INVALID_REQUEST" | "INVALID_JSON" | "CONNECTION_CHECK_FAILED" | "UNAUTHORIZED" | "FORBIDDEN" | "CSRF_FAILED" | "NOT_FOUND" | "REQUEST_TIMEOUT" | "CONFLICT" | "CONNECT_SESSION_ENDED" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "EXPECTATION_FAILED" | "HEADERS_TOO_LARGE" | "RATE_LIMITED" | "INTERNAL" | "CONNECTION_UNREADABLE" | "BAD_GATEWAY" | "UNAVAILABLE" | "GATEWAY_TIMEOUT" | "INSUFFICIENT_STORAGE";
                message: string;
                requestId: string;
            };
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: {
        /** @description Seconds to wait before trying again */
        "Retry-After": number;
        /** @description IETF RateLimit header field (draft-ietf-httpapi-ratelimit-headers): what is left of a window, `"<policy>";r=<left>;t=<seconds>`. Sent by the failed-authentication throttle, and on a verification of a key with a rate limit, about that key */
        RateLimit: string;
        /** @description IETF RateLimit-Policy header field: the window the `RateLimit` field counts, `"<policy>";q=<quota>;w=<seconds>` */
        "RateLimit-Policy": string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
