defmodule Billing.Invoices do
  def email_all(invoices) do
    spawn(fn -> Enum.each(invoices, &IO.inspect/1) end) # want: OTP009 "outside any supervisor"
    :ok
  end
end
