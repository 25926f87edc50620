/* theme.c: placeholder until themes land (issue 3). */
#include <string.h>

#include "internal.h"

int
rm_theme_exists(const char *name)
{
	return strcmp(name, "default") == 0 || strcmp(name, "print") == 0 ||
	    strcmp(name, "workshop") == 0;
}
