// The stub core's Arduino API: the names a sketch and the Onboard library use,
// with no hardware behind them (a compile and link check, never run).
#pragma once

#include <stddef.h>
#include <stdint.h>

#define HIGH 0x1
#define LOW 0x0
#define INPUT 0x01
#define OUTPUT 0x03
#define INPUT_PULLUP 0x05
#define INPUT_PULLDOWN 0x09

void pinMode(uint8_t pin, uint8_t mode);
void digitalWrite(uint8_t pin, uint8_t value);
int digitalRead(uint8_t pin);
void analogWrite(uint8_t pin, int value);
unsigned long millis();
void delay(unsigned long ms);

void setup();
void loop();

#ifdef __cplusplus
class StubSerial {
 public:
  void begin(unsigned long baud);
  size_t write(uint8_t byte);
  size_t write(const uint8_t* data, size_t length);
  size_t print(const char* text);
  size_t println(const char* text);
};
extern StubSerial Serial;
#endif
