// Placeholder until the test client lands.
namespace onboard::cloud::test {}
