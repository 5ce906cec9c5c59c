#include "spate-cli.h"
int
spate_cli_download (int argc, char **argv)
{
  return spate_cli_fail ("download is not built yet");
}
