// Entry point identical to Ory Hydra's own main.go (github.com/ory/hydra/v2/main.go).
package main

import (
	"github.com/ory/hydra/v2/cmd"
	"github.com/ory/x/profilex"
)

func main() {
	defer profilex.Profile().Stop()

	cmd.Execute()
}
