/* The wizard for apps in other languages (Kotlin over JNI, Swift, C): plain C, opaque handles,
 * callbacks for progress and questions. One session provisions (or reconfigures) one device. */
#ifndef ONBOARD_WIZARD_H
#define ONBOARD_WIZARD_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct onboard_config onboard_config;
typedef struct onboard_session onboard_session;

/* Settings, by key (all values are UTF-8 text):
 *   server        cloud URL, e.g. "https://cloud.example.com" (required)
 *   session       a signed-in session token; or give email and password to sign in
 *   email, password
 *   ca_file       PEM certificate to trust for an https server
 *   template      template id (or name) of the device's firmware
 *   device        the device's access point name (else: ask, or the only one in range)
 *   ssid, wifi_password   the network the device should join (else: ask)
 *   name          a name for the device (else: ask)
 *   reconfigure   a device id: give that device a new network instead of adding one
 *   wifi          "air" (the virtual world, from ONBOARD_AIR_SOCKET/ONBOARD_AIR_HOST) or "nm"
 *   lang          language of the texts, e.g. "de" (else: the locale)
 *   product_name, ap_prefix   the maker's product name and device AP prefix
 *   home_password password of the phone's own network, to return to it
 *   cloud_host, cloud_port, cloud_tls ("1"/"0")   where the device connects (else: the server)
 *   timeout_s     seconds to wait for the device to come online (default 120)
 * onboard_config_set returns 0, or -1 for an unknown key or a bad value. */
onboard_config* onboard_config_new(void);
int onboard_config_set(onboard_config* config, const char* key, const char* value);
void onboard_config_free(onboard_config* config);

/* What the progress callback gets. Texts are valid during the call only. */
typedef enum onboard_event_kind {
  ONBOARD_EVENT_STARTED = 0,
  ONBOARD_EVENT_DONE = 1,
  ONBOARD_EVENT_FAILED = 2,
  ONBOARD_EVENT_WARNING = 3,
  ONBOARD_EVENT_NOTE = 4
} onboard_event_kind;

typedef struct onboard_event {
  onboard_event_kind kind;
  const char* step;        /* "find_device", "send_config", ... */
  const char* label;       /* the step in the session's language */
  long elapsed_ms;         /* done, failed */
  const char* reason;      /* failed: "wrong_password", ... */
  const char* text;        /* failed: the reason in the session's language; warning, note: a sentence */
  const char* hint_action; /* failed: "check_password", ... ("none" when nothing to do) */
  const char* hint_text;   /* failed: what to do, in the session's language ("" when nothing) */
} onboard_event;

typedef void (*onboard_progress_fn)(void* user, const onboard_event* event);

/* The questions a session may ask. `choices` lists the candidates (template ids, device
 * APs, networks) where there are any; `subject` is what the question is about (the network
 * for a password). Answer by returning text that stays valid until the next callback, or
 * NULL for no answer (the session then ends with reason "missing_choice"). */
typedef enum onboard_question {
  ONBOARD_ASK_TEMPLATE = 0,
  ONBOARD_ASK_DEVICE = 1,
  ONBOARD_ASK_NETWORK = 2,
  ONBOARD_ASK_PASSWORD = 3,       /* subject: the network */
  ONBOARD_ASK_PASSWORD_AGAIN = 4, /* the device said the last one was wrong */
  ONBOARD_ASK_DEVICE_NAME = 5     /* subject: the current name; "" keeps it */
} onboard_question;

typedef const char* (*onboard_ask_fn)(void* user, onboard_question question, const char* const* choices,
                                      size_t choice_count, const char* subject);

/* NULL when the config lacks the server. Callbacks may be NULL (no progress; no answers). */
onboard_session* onboard_session_new(const onboard_config* config, onboard_progress_fn progress,
                                     onboard_ask_fn ask, void* user);
/* Runs the whole session on the calling thread; 1 when the device is activated and online. */
int onboard_session_run(onboard_session* session);
/* Safe from any thread and from the callbacks: every wait ends, the phone goes back to its
 * own network and the run returns 0 with reason "cancelled". */
void onboard_session_cancel(onboard_session* session);

/* After a run. Strings belong to the session and live until it is freed. */
const char* onboard_session_device_id(const onboard_session* session);
const char* onboard_session_device_name(const onboard_session* session);
const char* onboard_session_failed_step(const onboard_session* session); /* "" when ok */
const char* onboard_session_reason(const onboard_session* session);      /* "" when ok */
const char* onboard_session_text(const onboard_session* session);        /* the reason, in words */
const char* onboard_session_detail(const onboard_session* session);      /* English, with specifics */
const char* onboard_session_hint_action(const onboard_session* session);
const char* onboard_session_hint_subject(const onboard_session* session);
const char* onboard_session_hint_text(const onboard_session* session);
void onboard_session_free(onboard_session* session);

#ifdef __cplusplus
}
#endif

#endif
