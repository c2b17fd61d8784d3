package io.rtchat.common;

/**
 * Every setting rtchat reads, its environment variable, its default and what it means.
 * The configuration table in docs/configuration.md is this list; keep them together (ReadmeTest checks it).
 */
public enum Setting {
  HTTP_HOST("0.0.0.0", "Interface the gateway listens on"),
  HTTP_PORT("8080", "Port of the REST API, the event-bus bridge and the web client"),
  DATA_DIR("./data", "Where the embedded defaults keep their data: Mongo (its journal), S3 blobs, mail outbox, generated JWT key"),
  PUBLIC_URL("http://localhost:8080", "Address users reach the server at; used in links inside e-mails"),
  ALLOWED_ORIGINS("", "Comma-separated browser origins allowed for CORS and the event-bus bridge; empty allows PUBLIC_URL only"),
  BODY_LIMIT_BYTES("65536", "Largest accepted JSON request body; media goes straight to S3 instead"),
  HTTP_COMPRESSION("true", "Compress HTTP responses (gzip/deflate) for clients that accept it; off saves about 200 bytes per open WebSocket when an ingress compresses instead"),
  MANAGEMENT_HOST("0.0.0.0", "Interface of the management port (/health, /ready, /metrics); keep it off the public Ingress"),
  MANAGEMENT_PORT("8081", "Management port of every process: /health (liveness), /ready (readiness of this process), /metrics (Prometheus)"),
  SHUTDOWN_GRACE_SECONDS("20", "On SIGTERM: turn unready, stop accepting, let in-flight requests finish for at most this long, then leave the cluster; keep it below terminationGracePeriodSeconds"),
  SERVICE_CALL_TIMEOUT_MILLIS("10000", "How long the gateway waits for a service before answering 503 service.unavailable"),
  TRUSTED_PROXIES("", "Comma-separated CIDRs of reverse proxies (the Ingress controller) whose X-Forwarded-For is believed; empty trusts none"),
  LOG_FORMAT("text", "Log output: text, or json (one JSON object per line, with request and user ids, for a log collector)"),

  MONGO_URI("", "MongoDB connection string (use TLS: tls=true); a service jar refuses to start without it, standalone starts the embedded mongo-java-server"),
  MONGO_DB("rtchat", "MongoDB database name"),
  MONGO_TIMEOUT_MILLIS("5000", "How long a request waits for an unreachable MongoDB before answering 503 service.unavailable (serverSelectionTimeoutMS; a MONGO_URI that sets it wins)"),
  MONGO_EMBEDDED_BACKEND("file", "Storage of the embedded MongoDB: file (in memory, every write journaled to DATA_DIR/mongo before it is answered), memory (nothing kept), or h2 (the H2 file store of earlier versions)"),
  MONGO_WRITE_CONCERN("majority", "Write concern of every MongoDB write (w): majority or a number of members; a write is acknowledged to clients only after it"),
  MONGO_WRITE_JOURNAL("true", "Whether MongoDB acknowledges a write only once it is in its on-disk journal (j)"),

  JWT_SECRET("", "HS256 secret for access tokens (at least 32 bytes); random; known placeholders and weak keys are refused. Standalone without it generates one under DATA_DIR; a service jar refuses to start without it"),
  JWT_ISSUER("rtchat", "iss claim of access tokens"),
  JWT_AUDIENCE("rtchat-clients", "aud claim of access tokens"),
  ACCESS_TOKEN_TTL_SECONDS("900", "Lifetime of an access token"),
  REFRESH_TOKEN_TTL_DAYS("30", "Lifetime of a refresh token (each use rotates it)"),
  PASSWORD_MIN_LENGTH("8", "Shortest accepted password"),
  OTP_TTL_SECONDS("600", "Lifetime of an e-mail verification code"),
  OTP_MAX_ATTEMPTS("5", "Wrong codes before a code is locked"),
  OTP_RESEND_SECONDS("60", "Least time between two verification mails to one address"),
  RESET_TOKEN_TTL_SECONDS("1800", "Lifetime of a password-reset token"),
  MAIL_PER_ADDRESS_SECONDS("60", "Least time between two password-reset mails (or two account-exists notices) to one address"),
  LOGIN_MAX_FAILURES_PER_ACCOUNT("5", "Failed logins per account within LOGIN_FAILURE_WINDOW_SECONDS before 429"),
  LOGIN_MAX_FAILURES_PER_IP("20", "Failed logins per client IP within LOGIN_FAILURE_WINDOW_SECONDS before 429"),
  LOGIN_FAILURE_WINDOW_SECONDS("900", "Window of the login failure counters"),
  LOGIN_BACKOFF_BASE_SECONDS("1", "Past a login limit, one attempt is let through per backoff period: this long at first, doubling with each further failure"),
  LOGIN_BACKOFF_MAX_SECONDS("60", "Longest login backoff period (an attacker cannot lock an account out for longer)"),
  OTP_MAX_TOTAL_ATTEMPTS("20", "Wrong codes over all resends before verification locks (a password reset still verifies the address)"),

  SMTP_HOST("", "SMTP server; empty writes each mail to DATA_DIR/outbox instead"),
  SMTP_PORT("587", "SMTP port"),
  SMTP_USERNAME("", "SMTP user (empty: no authentication)"),
  SMTP_PASSWORD("", "SMTP password"),
  SMTP_STARTTLS("OPTIONAL", "DISABLED, OPTIONAL or REQUIRED"),
  SMTP_SSL("false", "Implicit TLS (port 465 style)"),
  SMTP_FROM("rtchat <no-reply@rtchat.local>", "Sender of every mail"),

  S3_ENDPOINT("", "S3 endpoint URL; media-service refuses to start without it, standalone starts the embedded S3Proxy (filesystem under DATA_DIR/blobs)"),
  S3_BUCKET("rtchat-media", "Bucket holding media"),
  S3_REGION("us-east-1", "S3 region"),
  S3_ACCESS_KEY("rtchat", "S3 access key"),
  S3_SECRET_KEY("rtchat-secret", "S3 secret key"),
  S3_PUBLIC_ENDPOINT("", "S3 endpoint browsers reach, used in presigned upload/download URLs; empty means S3_ENDPOINT"),
  MEDIA_MAX_IMAGE_BYTES("20971520", "Largest image attachment (20 MiB)"),
  MEDIA_MAX_AUDIO_BYTES("209715200", "Largest audio attachment (200 MiB)"),
  MEDIA_MAX_VIDEO_BYTES("209715200", "Largest video attachment (200 MiB)"),
  MEDIA_MAX_FILE_BYTES("104857600", "Largest attachment of any other type (100 MiB)"),
  MEDIA_MAX_AVATAR_BYTES("5242880", "Largest avatar (5 MiB, images only)"),
  MEDIA_ALLOWED_TYPES("image/jpeg,image/png,image/gif,image/webp,audio/mpeg,audio/mp4,audio/ogg,audio/webm,audio/wav,"
    + "video/mp4,video/webm,video/quicktime,application/pdf,text/plain,text/csv,application/zip,"
    + "application/vnd.openxmlformats-officedocument.wordprocessingml.document,"
    + "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,"
    + "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "Comma-separated MIME types accepted for uploads (exact names)"),
  MEDIA_UPLOAD_TTL_SECONDS("900", "Lifetime of an upload slot and its presigned PUT URL; pending slots older than this are deleted"),
  MEDIA_DOWNLOAD_TTL_SECONDS("300", "Lifetime of the presigned GET URL a download redirects to"),
  MEDIA_THUMBNAIL_MAX_SOURCE_BYTES("20971520", "Largest image read into memory to render a thumbnail (at most 2 GiB); larger images serve the original as their thumbnail"),
  MEDIA_THUMBNAIL_MAX_WIDTH("12000", "Widest image (by its header) decoded for a thumbnail; wider ones are served as files without one"),
  MEDIA_THUMBNAIL_MAX_HEIGHT("12000", "Tallest image (by its header) decoded for a thumbnail"),
  MEDIA_THUMBNAIL_MAX_PIXELS("50000000", "Most pixels (width x height by the header) of an image decoded for a thumbnail"),
  MEDIA_THUMBNAIL_MAX_ROW_BYTES("98304", "Most bytes of one decoded image row at full width (readers allocate whole rows whatever the subsampling)"),
  MEDIA_THUMBNAIL_THREADS("2", "Threads that decode images for thumbnails"),
  MEDIA_THUMBNAIL_QUEUE("32", "Thumbnails waiting for a thread; beyond it an image gets no thumbnail (recorded as failed: busy)"),
  MEDIA_THUMBNAIL_MEMORY_BYTES("134217728", "Memory all thumbnail decodes together may hold (128 MiB); a decode past it is refused (failed: busy)"),
  MEDIA_QUOTA_BYTES("1073741824", "Storage quota per user (1 GiB): the sizes of their pending and ready uploads; a slot that would exceed it is refused (413)"),
  MEDIA_SWEEP_INTERVAL_SECONDS("60", "How often expired upload slots and their objects are cleaned up, and unused media reclaimed"),
  MEDIA_UNSENT_GRACE_SECONDS("86400", "How long a completed upload that no message holds and that is nobody's avatar is kept (24 h) before it is deleted and its quota freed"),

  CLUSTER_HOSTS("", "Comma-separated Hazelcast members for TCP-IP join (e.g. 127.0.0.1); used by the per-service jars"),
  CLUSTER_K8S_SERVICE_DNS("", "Headless Service DNS name for Kubernetes discovery; wins over CLUSTER_HOSTS"),
  CLUSTER_PORT("5701", "Hazelcast member port"),
  CLUSTER_NAME("rtchat", "Hazelcast cluster name: members join only a cluster of the same name (one per environment)"),
  CLUSTER_PUBLIC_HOST("", "Address other members reach this one at (event-bus host)"),
  CLUSTER_HEARTBEAT_SECONDS("5", "Hazelcast heartbeat interval between members"),
  CLUSTER_MAX_NO_HEARTBEAT_SECONDS("30", "A member silent this long is declared dead and its event-bus handlers are dropped"),
  CLUSTER_MERGE_SECONDS("10", "How often a member looks for a split-off part of its cluster (a member dropped after a long pause, a healed network) and merges it back, its event-bus handlers with it"),
  EVENT_BUS_PORT("0", "Port of the clustered event bus (0: any free port); fix it (e.g. 5710) where a NetworkPolicy names it"),
  EVENT_BUS_TLS("false", "Mutual TLS between event-bus members: each presents a certificate signed by the cluster's CA, a member without one can neither send nor receive; needs EVENT_BUS_KEYSTORE and EVENT_BUS_TRUSTSTORE, or EVENT_BUS_CERT, EVENT_BUS_KEY and EVENT_BUS_CA"),
  EVENT_BUS_KEYSTORE("", "PKCS#12 file with this member's key and certificate for event-bus TLS"),
  EVENT_BUS_KEYSTORE_PASSWORD("", "Password of EVENT_BUS_KEYSTORE"),
  EVENT_BUS_TRUSTSTORE("", "PKCS#12 file with the CA that signs every member's certificate for event-bus TLS"),
  EVENT_BUS_TRUSTSTORE_PASSWORD("", "Password of EVENT_BUS_TRUSTSTORE"),
  EVENT_BUS_CERT("", "PEM file with this member's certificate (chain) for event-bus TLS, e.g. tls.crt of a Kubernetes TLS Secret; instead of EVENT_BUS_KEYSTORE"),
  EVENT_BUS_KEY("", "PEM file with the private key (PKCS#8 or PKCS#1) of EVENT_BUS_CERT, e.g. tls.key"),
  EVENT_BUS_CA("", "PEM file with the CA certificate that signs every member's event-bus certificate, e.g. ca.crt; instead of EVENT_BUS_TRUSTSTORE"),

  AI_BASE_URL("", "OpenAI-compatible server for the AI assistant; empty disables it"),
  AI_MODEL("", "Model name for the AI assistant"),
  AI_API_KEY("", "API key for the AI server"),
  AI_SYSTEM_PROMPT("You are a helpful assistant in a chat app. Answer concisely.", "System prompt sent first with every AI request; empty sends none"),
  AI_TIMEOUT("30", "Seconds to wait for the AI server's first byte of a reply before it ends as ai.timeout"),
  AI_IDLE_TIMEOUT("30", "Seconds the AI server may stay silent between two chunks of a reply before it ends as ai.timeout"),
  AI_MAX_HISTORY_CHARS("12000", "Characters of recent AI-chat history (newest first) sent as context with each question"),
  AI_MAX_REQUESTS_PER_MINUTE("20", "Questions one user may ask the AI assistant per minute (per ai-service instance); more get 429"),

  RATE_IP_PER_SECOND("2000", "REST requests (and bridge commands) per second per client IP, sustained; over it: 429 request.rate_limited with Retry-After"),
  RATE_IP_BURST("10000", "REST requests (and bridge commands) per client IP allowed in a burst above the sustained rate"),
  RATE_ACCOUNT_ROUTES_PER_MINUTE("300", "Requests per minute per client IP to /auth/* (register, login, verify, send-otp, password reset: each may run Argon2 or mail)"),
  RATE_ACCOUNT_ROUTES_BURST("300", "Burst of /auth/* requests per client IP"),
  RATE_USER_PER_SECOND("50", "Authenticated REST requests per second per user, sustained"),
  RATE_USER_BURST("300", "Authenticated REST requests per user allowed in a burst"),
  RATE_INVITES_PER_HOUR("120", "Requests per hour per user that notify someone else: friend requests, their cancellation, group creation and invitations"),
  RATE_INVITES_BURST("60", "Burst of friend-request and invitation requests per user"),
  RATE_COMMANDS_PER_SECOND("50", "Bridge commands (client.chat.send, typing, read) per second per user, sustained; over it: an err frame with request.rate_limited"),
  RATE_COMMANDS_BURST("200", "Bridge commands per user allowed in a burst"),
  BRIDGE_AUTH_TIMEOUT_SECONDS("10", "A bridge socket that has not registered on its inbox with a valid token within this time is closed"),
  BRIDGE_MAX_SOCKETS_PER_USER("128", "Open bridge sockets per user on one gateway; one more is refused and closed"),
  BRIDGE_MAX_SOCKETS_PER_IP("12000", "Open bridge sockets per client IP on one gateway (leaves room for the benchmark's 10,000 idle sockets from one host)"),
  CALL_RING_TIMEOUT_SECONDS("30", "How long a call rings; a call nobody answered by then becomes missed (call_missed notifications)"),
  STUN_URLS("", "Comma-separated STUN server URLs handed to clients by GET /calls/ice-servers (e.g. stun:turn.example.org:3478)"),
  TURN_URLS("", "Comma-separated TURN server URLs (e.g. turn:turn.example.org:3478?transport=udp); used only with TURN_SECRET"),
  TURN_SECRET("", "Shared secret of the TURN server (coturn static-auth-secret) for time-limited TURN REST credentials; empty: STUN only"),
  TURN_TTL("86400", "Lifetime in seconds of the TURN credentials GET /calls/ice-servers hands out"),

  MESSAGE_MAX_BYTES("16384", "Largest message content (UTF-8 bytes); longer ones are refused with 413 message.too_large"),
  MESSAGE_BATCH_WINDOW_MILLIS("1", "How long an idle chat-service waits for more sends to store with the first in one commit (0: the next tick)"),
  MESSAGE_BATCH_MAX("256", "Most sends stored in one commit; a full batch goes out at once"),
  CHAT_SUMMARY_WINDOW_MILLIS("50", "How long chat-service gathers the chats' last-message summaries and read pointers behind the sends before writing them, one update per chat (reads of a chat on the same instance wait for its own)"),
  GROUP_CHAT_RETRY_MILLIS("5000", "How often group-service retries a membership change that chat-service has not confirmed yet (a removed member stays in the group's chat until it has); a change is retried once it is this old"),
  GROUP_RECONCILE_INTERVAL_SECONDS("3600", "How often group-service makes every group's chat participants its members again (first run soon after start: after GROUP_CHAT_RETRY_MILLIS or this interval, whichever is shorter)"),

  PRESENCE_GRACE_MILLIS("5000", "How long a user stays online after the last socket closes (reconnects within it are not seen)"),
  PRESENCE_LEASE_SECONDS("45", "Gateways renew their presence lease every third of this; sockets of a gateway silent this long expire"),
  PRESENCE_VIEW_REFRESH_SECONDS("30", "How often each notification-service instance reloads its in-memory view of who is online from MongoDB (bounds how long a missed presence event can leave it wrong)"),
  NOTIFY_BATCH_WINDOW_MILLIS("20", "How long notification-service gathers message-stored events to store their notifications in one bulk write"),
  NOTIFY_BATCH_MAX("512", "Most message-stored events in one notification batch; a full batch is written at once"),
  MAIL_RETRY_ATTEMPTS("4", "Delivery attempts per mail before it is logged and kept in MongoDB (collection dead_letters, 7 days)"),
  MAIL_RETRY_DELAY_MILLIS("500", "Delay before the first retry of a mail; doubles with each further attempt"),
  DIGEST_INTERVAL_SECONDS("0", "How often unread-message digests are mailed; 0 turns digests off"),
  DIGEST_OFFLINE_SECONDS("3600", "A digest goes only to users offline at least this long");

  private final String defaultValue;
  private final String description;

  Setting(String defaultValue, String description) {
    this.defaultValue = defaultValue;
    this.description = description;
  }

  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }
}
