/* Temporary: replaced by spate-cli-info.c, spate-cli-create.c and spate-cli-dht.c. */
#include "spate-cli.h"

int
spate_cli_info (int argc, char **argv)
{
  return spate_cli_fail ("info is not built yet");
}

int
spate_cli_create (int argc, char **argv)
{
  return spate_cli_fail ("create is not built yet");
}

int
spate_cli_dht (int argc, char **argv)
{
  return spate_cli_fail ("dht is not built yet");
}
