#include "core/domain/ListenAddress.h"
