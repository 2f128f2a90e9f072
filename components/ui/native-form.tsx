"use client";

import { createContext, useContext, useState } from "react";
import { Button, type ButtonProps } from "./button";

const PendingContext = createContext(false);

/**
 * A plain HTML form (it works without JavaScript) whose submit button turns
 * into a spinner once submitted, so it cannot be sent twice.
 */
export function NativeForm({ children, ...props }: React.FormHTMLAttributes<HTMLFormElement>) {
  const [pending, setPending] = useState(false);
  return (
    <form
      {...props}
      onSubmit={(event) => {
        if (pending) event.preventDefault();
        else setPending(true);
      }}
    >
      <PendingContext.Provider value={pending}>{children}</PendingContext.Provider>
    </form>
  );
}

export function NativeSubmitButton(props: Omit<ButtonProps, "type" | "pending">) {
  const pending = useContext(PendingContext);
  return <Button {...props} type="submit" pending={pending} />;
}
