#!/usr/bin/env bash
# Usage: tools/scaffold.sh <libs|apps> <name> <type-tag> <scope-tag>
# Creates the Nx project files every project shares: project.json (with its tags) and jest.config.js.
set -euo pipefail
kind=$1 name=$2 type=$3 scope=$4
root="$kind/$name"
mkdir -p "$root/src"
projectType=$([ "$kind" = libs ] && echo library || echo application)
cat > "$root/project.json" <<JSON
{
  "name": "$name",
  "\$schema": "../../node_modules/nx/schemas/project-schema.json",
  "sourceRoot": "$root/src",
  "projectType": "$projectType",
  "tags": ["type:$type", "scope:$scope"],
  "targets": {
    "test": {},
    "lint": {}
  }
}
JSON
cat > "$root/jest.config.js" <<JS
module.exports = { displayName: '$name', preset: '../../jest.preset.js', rootDir: __dirname };
JS
