import { render } from "preact";
import { App } from "./app";
import { usesOpenIdConnect } from "./config";
import { completeRedirect } from "./session/openid";
import { signIn } from "./session/store";
import "./styles.css";

async function start() {
  if (usesOpenIdConnect) {
    const token = await completeRedirect();
    if (token) signIn(token);
  }
  render(<App />, document.getElementById("app")!);
}

void start();
