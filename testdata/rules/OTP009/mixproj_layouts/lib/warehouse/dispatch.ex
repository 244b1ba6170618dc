# Formatted input whose rewritten calls no longer fit in 98 columns: each is laid out as
# mix format lays it out.
defmodule Warehouse.Dispatch do
  alias Warehouse.Carrier

  def depart(shipment) do
    # want+1: OTP009
    spawn(fn -> Carrier.notify(shipment, :departed) end)
    :ok
  end

  def arrive(shipment) do
    # want+1: OTP009
    spawn(Carrier, :notify, [shipment, :arrived])
    :ok
  end

  def track(shipment) do
    # want+1: OTP009
    Task.start(fn ->
      Carrier.notify(shipment, :tracked)
      Carrier.notify(shipment, :logged)
    end)

    :ok
  end

  def watch(shipment) do
    # want+1: OTP009
    pid = spawn(fn -> Carrier.notify(shipment, :watched) end)
    Process.monitor(pid)
  end

  def sweep(shipments) do
    Enum.each(shipments, fn shipment ->
      if shipment.urgent do
        case shipment.kind do
          :fragile ->
            # want+1: OTP009
            spawn(fn ->
              Carrier.notify(shipment, :urgent)
            end)

            :sent

          _ ->
            :ok
        end
      end
    end)
  end
end
