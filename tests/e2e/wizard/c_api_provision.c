/* A C program that embeds the wizard through onboard_wizard.h, as a Kotlin or Swift app
 * would: it provisions a board in the air and checks what the API reports.
 * usage: c_api_provision provision|cancel SERVER EMAIL PASSWORD TEMPLATE DEVICE_AP SSID WIFI_PASSWORD
 *                        HOME_PASSWORD
 * Exit 0 when every check held; the failed check is printed otherwise. */
#include <stdio.h>
#include <string.h>

#include "onboard/wizard/onboard_wizard.h"

struct app {
  onboard_session* session;
  int cancel_after_join; /* cancel from the progress callback once on the device's AP */
  int steps_done;
  int asked_name;
  int saw_failed_event;
};

static int failures = 0;

#define CHECK(cond, ...)                            \
  do {                                              \
    if (!(cond)) {                                  \
      fprintf(stderr, "CHECK FAILED: %s: ", #cond); \
      fprintf(stderr, __VA_ARGS__);                 \
      fprintf(stderr, "\n");                        \
      ++failures;                                   \
    }                                               \
  } while (0)

static void on_progress(void* user, const onboard_event* e) {
  struct app* app = (struct app*)user;
  if (e->kind == ONBOARD_EVENT_DONE) {
    ++app->steps_done;
    printf("  done %s (%s) %ld ms\n", e->step, e->label, e->elapsed_ms);
    if (app->cancel_after_join && strcmp(e->step, "join_device") == 0) onboard_session_cancel(app->session);
  } else if (e->kind == ONBOARD_EVENT_FAILED) {
    app->saw_failed_event = 1;
    printf("  failed %s: %s [%s] -> %s\n", e->step, e->text, e->reason, e->hint_text);
  } else if (e->kind == ONBOARD_EVENT_NOTE || e->kind == ONBOARD_EVENT_WARNING) {
    printf("    %s\n", e->text);
  }
  fflush(stdout);
}

static const char* on_ask(void* user, onboard_question q, const char* const* choices, size_t n,
                          const char* subject) {
  struct app* app = (struct app*)user;
  (void)choices;
  (void)n;
  (void)subject;
  if (q == ONBOARD_ASK_DEVICE_NAME) {
    app->asked_name = 1;
    return "Made in C";
  }
  return NULL;
}

int main(int argc, char** argv) {
  if (argc != 10) {
    fprintf(stderr,
            "usage: %s provision|cancel SERVER EMAIL PASSWORD TEMPLATE DEVICE_AP SSID WIFI_PASSWORD "
            "HOME_PASSWORD\n",
            argv[0]);
    return 2;
  }
  const int cancel = strcmp(argv[1], "cancel") == 0;
  onboard_config* config = onboard_config_new();
  CHECK(config != NULL, "no config");
  CHECK(onboard_config_set(config, "no_such_key", "x") == -1, "an unknown key is refused");
  CHECK(onboard_config_set(config, "cloud_port", "99999") == -1, "a bad port is refused");
  CHECK(onboard_session_new(config, NULL, NULL, NULL) == NULL, "no session without a server");
  onboard_config_set(config, "server", argv[2]);
  onboard_config_set(config, "email", argv[3]);
  onboard_config_set(config, "password", argv[4]);
  onboard_config_set(config, "template", argv[5]);
  onboard_config_set(config, "device", argv[6]);
  onboard_config_set(config, "ssid", argv[7]);
  onboard_config_set(config, "wifi_password", argv[8]);
  onboard_config_set(config, "home_password", argv[9]);
  onboard_config_set(config, "wifi", "air");
  onboard_config_set(config, "timeout_s", "90");
  onboard_config_set(config, "lang", "de");
  onboard_config_set(config, "product_name", "Acme Plug");

  struct app app = {NULL, cancel, 0, 0, 0};
  app.session = onboard_session_new(config, on_progress, on_ask, &app);
  onboard_config_free(config);
  CHECK(app.session != NULL, "a session");
  if (app.session == NULL) return 1;

  const int ok = onboard_session_run(app.session);
  if (!cancel) {
    CHECK(ok == 1, "provisioned: %s at %s (%s)", onboard_session_reason(app.session),
          onboard_session_failed_step(app.session), onboard_session_detail(app.session));
    CHECK(strlen(onboard_session_device_id(app.session)) > 0, "a device id");
    CHECK(strcmp(onboard_session_device_name(app.session), "Made in C") == 0,
          "named through the callback: %s", onboard_session_device_name(app.session));
    CHECK(app.asked_name, "the name was asked through the callback");
    CHECK(app.steps_done >= 10, "progress came through the callback (%d steps)", app.steps_done);
    CHECK(strcmp(onboard_session_reason(app.session), "") == 0, "no reason on success");
    printf("device %s\n", onboard_session_device_id(app.session));
  } else {
    CHECK(ok == 0, "a cancelled session does not succeed");
    CHECK(strcmp(onboard_session_reason(app.session), "cancelled") == 0, "reason %s",
          onboard_session_reason(app.session));
    CHECK(strcmp(onboard_session_text(app.session), "abgebrochen") == 0, "the reason in German: %s",
          onboard_session_text(app.session));
    CHECK(app.saw_failed_event, "the failure came through the progress callback");
  }
  onboard_session_free(app.session);
  return failures == 0 ? 0 : 1;
}
